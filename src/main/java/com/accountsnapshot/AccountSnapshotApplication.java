package com.accountsnapshot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AccountSnapshotApplication {
    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(AccountSnapshotApplication.class, args)));
    }
}
