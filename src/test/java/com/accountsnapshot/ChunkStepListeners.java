package com.accountsnapshot;

import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.AccountSnapshot;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Test hooks into the snapshot steps: every {@link Hook} bean of the context joins each chunk step once it is
 * built, as a listener of every kind it implements (reads, chunks, writes, the step).
 */
@TestConfiguration(proxyBeanMethods = false)
public class ChunkStepListeners {

    /** A test's listener on the chunk steps: it sees at least the writes, and any other kind it implements. */
    public interface Hook extends ItemWriteListener<AccountSnapshot> {
    }

    @Bean
    static BeanPostProcessor chunkStepListeners(ObjectProvider<Hook> listeners) {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings("unchecked")
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ChunkOrientedStep<?, ?> chunkStep) {
                    ChunkOrientedStep<AccountContext, AccountSnapshot> step =
                            (ChunkOrientedStep<AccountContext, AccountSnapshot>) chunkStep;
                    listeners.orderedStream().forEach(listener -> register(step, listener));
                }
                return bean;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static void register(ChunkOrientedStep<AccountContext, AccountSnapshot> step,
            Hook listener) {
        step.registerItemWriteListener(listener);
        if (listener instanceof ItemReadListener<?> read) {
            step.registerItemReadListener((ItemReadListener<AccountContext>) read);
        }
        if (listener instanceof ChunkListener<?, ?> chunk) {
            step.registerChunkListener((ChunkListener<AccountContext, AccountSnapshot>) chunk);
        }
        if (listener instanceof StepExecutionListener stepListener) {
            step.registerStepExecutionListener(stepListener);
        }
    }
}
