package com.accountsnapshot.job;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import com.accountsnapshot.snapshot.Account;
import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.internal.JdbcAccountContextLoader;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads accounts from a paging reader one chunk at a time and hands them out with their related rows,
 * which it loads for the whole chunk at once (set-based enrichment).
 *
 * <p>The batch it pulls is exactly one chunk, so whenever the step saves its state at a chunk boundary
 * the buffer is empty and the delegate's saved position is that of the last account handed out: a restart
 * resumes after the last committed chunk. The delegate's page size should equal the chunk size.
 */
public class EnrichingAccountReader implements ItemStreamReader<AccountContext> {

    private final ItemStreamReader<Account> accounts;

    private final JdbcAccountContextLoader loader;

    private final int chunkSize;

    private final Deque<AccountContext> buffer = new ArrayDeque<>();

    public EnrichingAccountReader(ItemStreamReader<Account> accounts, JdbcAccountContextLoader loader, int chunkSize) {
        this.accounts = accounts;
        this.loader = loader;
        this.chunkSize = chunkSize;
    }

    @Override
    public @Nullable AccountContext read() throws Exception {
        if (buffer.isEmpty()) {
            List<Account> batch = new ArrayList<>(chunkSize);
            Account account;
            while (batch.size() < chunkSize && (account = accounts.read()) != null) {
                batch.add(account);
            }
            buffer.addAll(loader.load(batch));
        }
        return buffer.poll();
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        buffer.clear();
        accounts.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        if (!buffer.isEmpty()) {
            throw new ItemStreamException("Reader state saved in the middle of a batch of " + chunkSize
                    + " accounts: the reader's batch size must equal the step's chunk size");
        }
        accounts.update(executionContext);
    }

    @Override
    public void close() throws ItemStreamException {
        buffer.clear();
        accounts.close();
    }
}
