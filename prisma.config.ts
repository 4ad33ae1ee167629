// The Prisma CLI (generate, migrate deploy) must run offline: it talks to PostgreSQL through the
// JS driver adapter and never downloads a native engine. See ../shared/DESIGN.md.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// The CLI checks these paths before it looks at `engine: "js"`; pointing them anywhere stops the download.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ||= path.resolve('prisma/.no-native-engine');
process.env.PRISMA_SCHEMA_ENGINE_BINARY ||= path.resolve('prisma/.no-native-engine');
process.env.DATABASE_URL ||= 'postgresql://localhost/depeche-unused';

export default defineConfig({
  earlyAccess: true,
  schema: 'prisma/schema.prisma',
  engine: 'js',
  experimental: { adapter: true },
  async adapter() {
    // allowExitOnIdle: otherwise the idle pool keeps the CLI alive for pg's 10 s idle timeout.
    return new PrismaPg({ connectionString: process.env.DATABASE_URL, allowExitOnIdle: true });
  },
});
