package com.accountsnapshot.reliability;

import javax.sql.DataSource;

import com.accountsnapshot.ChunkStepListeners;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** The test-only beans of {@link ReliabilityTest}: the step hooks, the wrapped DataSource, a failing calculation. */
@TestConfiguration(proxyBeanMethods = false)
@Import(ChunkStepListeners.class)
class FaultInjection {

    @Bean
    Faults faults() {
        return new Faults();
    }

    @Bean
    @Primary
    FailingCalculation failingCalculation() {
        return new FailingCalculation();
    }

    @Bean
    static BeanPostProcessor faultyDataSource(ObjectProvider<Faults> faults) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? FaultyDataSource.wrap(dataSource, faults::getObject)
                        : bean;
            }
        };
    }
}
