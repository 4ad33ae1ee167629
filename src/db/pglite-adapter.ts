import { PrismaPGlite } from 'pglite-prisma-adapter';

type Adapter = Awaited<ReturnType<PrismaPGlite['connect']>>;
type Queryable = Pick<Adapter, 'queryRaw'>;

// ColumnTypeEnum.DateTime of @prisma/driver-adapter-utils: `timestamp` and `timestamptz` columns.
const DATE_TIME = 10;
const HAS_ZONE = /(Z|[+-]\d\d(:?\d\d)?)$/i;

/**
 * pglite-prisma-adapter, sending `timestamp` values as @prisma/adapter-pg does: with their zone,
 * UTC (the columns hold UTC; PGlite's session is in UTC). It sends them as PostgreSQL prints them,
 * without a zone, and Prisma's `$queryRaw` reads such a text in the process's time zone: on a
 * machine set to Paris, a raw read of `publishedAt` came back an hour or two early (the model
 * API was not affected). Raw writes that return dates (the webhook worker's claim) go this way.
 */
export class UtcPrismaPGlite extends PrismaPGlite {
  override async connect(): Promise<Adapter> {
    const adapter = withUtcTimestamps(await super.connect());
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => withUtcTimestamps(await start(isolationLevel));
    return adapter;
  }
}

function withUtcTimestamps<T extends Queryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    result.columnTypes.forEach((type, column) => {
      if (type !== DATE_TIME) return;
      for (const row of result.rows) {
        const value: unknown = row[column];
        if (typeof value === 'string' && !HAS_ZONE.test(value)) row[column] = `${value.replace(' ', 'T')}+00:00`;
      }
    });
    return result;
  };
  return queryable;
}
