import { describe, expect, it } from 'vitest';
import { describePgError, isRetryableTransactionError, isTransientPgError } from './transient-errors';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('isTransientPgError', () => {
  it.each(['40001', '40P01', '53300', '57P01', '57P02', '57P03', '08000', '08006', '08001', '55P03', '57014'])(
    'treats SQLSTATE %s as transient',
    (code) => {
      expect(isTransientPgError(withCode(code))).toBe(true);
    },
  );

  it.each(['23505', '42P01', '42501', '22P02', '23503', '42601'])('treats SQLSTATE %s as a real error', (code) => {
    expect(isTransientPgError(withCode(code))).toBe(false);
  });

  it('recognises socket failures, but not an unknown host name', () => {
    expect(isTransientPgError(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(isTransientPgError(withCode('ECONNRESET'))).toBe(true);
    expect(isTransientPgError(withCode('ENOTFOUND'))).toBe(false);
  });

  it("recognises node-postgres's code-less connection errors", () => {
    expect(isTransientPgError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientPgError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isTransientPgError(new Error('column "x" does not exist'))).toBe(false);
  });

  it('looks inside AggregateError and cause chains', () => {
    expect(isTransientPgError(new AggregateError([new Error('x'), withCode('ECONNREFUSED')]))).toBe(true);
    expect(isTransientPgError(new Error('wrapped', { cause: withCode('57P01') }))).toBe(true);
    expect(isTransientPgError(new Error('wrapped', { cause: withCode('23505') }))).toBe(false);
  });

  it('answers false for non-errors', () => {
    expect(isTransientPgError(undefined)).toBe(false);
    expect(isTransientPgError('ECONNREFUSED')).toBe(false);
  });
});

describe('isRetryableTransactionError', () => {
  it('is only serialization failures and deadlocks', () => {
    expect(isRetryableTransactionError(withCode('40001'))).toBe(true);
    expect(isRetryableTransactionError(withCode('40P01'))).toBe(true);
    expect(isRetryableTransactionError(withCode('57P01'))).toBe(false);
  });
});

describe('describePgError', () => {
  it('gives the code, never the message, when there is one (messages may quote data)', () => {
    expect(describePgError(withCode('23505', 'Key (email)=(a@b.c) already exists'))).toBe('23505');
  });
});
