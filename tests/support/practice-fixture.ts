import { afterAll, beforeAll } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { createTestPractice, type TestPractice } from './test-practice';
import { openTestDatabase } from './test-db';

export { addConsultationType, bookingInput, createTestPractice, FIXTURE_ZONE, type TestPractice } from './test-practice';

/** A test file's database and its own practice: opened before the file's tests, closed after. */
export function withTestPractice(ready: (handle: DatabaseHandle, practice: TestPractice) => void): void {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await openTestDatabase();
    ready(handle, await createTestPractice(handle.db));
  });
  afterAll(async () => {
    await handle?.close();
  });
}
