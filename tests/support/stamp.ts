// Form stamps for tests: one fixed key, given to the in-process app and to a real server process (DUET_FORM_STAMP_KEY).
import { formStamps } from '../../server/booking/formStamp.ts';

export const TEST_STAMP_KEY = Buffer.from('d0e7'.repeat(16), 'hex');
export const TEST_STAMP_KEY_HEX = TEST_STAMP_KEY.toString('hex');

/** A genuine stamp issued at `issuedAt`, as GET /api/config would have answered then. */
export const stampAt = (issuedAt: number): string => formStamps(TEST_STAMP_KEY).issue(issuedAt);
