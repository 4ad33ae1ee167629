import type { TestServer } from './server.js';

/** Holds an exclusive lock on the entity names (which every search reads) until the returned function is called. */
export async function lockEntityNames(on: TestServer): Promise<() => Promise<void>> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let isLocked = () => {};
  const locked = new Promise<void>((resolve) => {
    isLocked = resolve;
  });
  const holder = on.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('LOCK TABLE "EntityTranslation" IN ACCESS EXCLUSIVE MODE');
    isLocked();
    await released;
  });
  await locked;
  return async () => {
    release();
    await holder;
  };
}
