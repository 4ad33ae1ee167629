import { PrismaPg } from '@prisma/adapter-pg';

type Adapter = Awaited<ReturnType<PrismaPg['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;

const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

/**
 * `@prisma/adapter-pg` with one fix for outages. Prisma ends an interactive transaction by sending
 * COMMIT or ROLLBACK, and only when that succeeds does it hand the connection back to the pool
 * (`transaction.commit()`/`rollback()`). When the connection died mid-transaction (PostgreSQL
 * restarted, network cut), the COMMIT/ROLLBACK fails and the pool slot is never released: after
 * `DB_POOL_SIZE` such failures every request waits for a slot that never frees, and the API
 * cannot recover without a restart. Here a failed COMMIT/ROLLBACK releases the connection (the
 * pool drops it when broken) before the error goes on to Prisma.
 */
export class RecoveringPrismaPg extends PrismaPg {
  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => releasingOnFailedEnd(await start(isolationLevel));
    return adapter;
  }
}

function releasingOnFailedEnd(tx: Transaction): Transaction {
  let released = false;
  const release = async (end: () => Promise<void>) => {
    if (released) return;
    released = true;
    await end();
  };
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'executeRaw') {
        return async (query: Parameters<Transaction['executeRaw']>[0]) => {
          try {
            return await target.executeRaw(query);
          } catch (err) {
            if (ENDS_TRANSACTION.test(query.sql)) await release(() => target.rollback()).catch(() => {});
            throw err;
          }
        };
      }
      if (prop === 'commit') return () => release(() => target.commit());
      if (prop === 'rollback') return () => release(() => target.rollback());
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
