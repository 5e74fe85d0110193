package com.accountsnapshot.run;

import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs are launched asynchronously, each on a thread of its own (see {@link RunExecutor}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RunsProperties.class, RetentionProperties.class})
class RunOperationsConfiguration {

    @Bean
    @BatchTaskExecutor
    RunExecutor runExecutor() {
        return new RunExecutor();
    }
}
