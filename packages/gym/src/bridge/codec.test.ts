import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, unwrapArrays, WireArray, DEFAULT_LIMITS } from './codec.js';
import { ProtocolError } from './errors.js';
import { parseReply, parseRequest } from './messages.js';

function frames(header: unknown, ...data: Uint8Array[]): Buffer[] {
  return [
    Buffer.from(typeof header === 'string' ? header : JSON.stringify(header)),
    ...data.map((d) => Buffer.from(d)),
  ];
}

function expectProtocolError(f: () => unknown, type: string, pattern: RegExp) {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(ProtocolError);
    expect((err as ProtocolError).type).toBe(type);
    expect((err as Error).message).toMatch(pattern);
    return;
  }
  throw new Error('expected a ProtocolError');
}

describe('codec', () => {
  it('round-trips arrays of every dtype, shapes and non-finite floats', () => {
    const grid = new WireArray('float32', [2, 3], new Float32Array([0, 1, 0, 0.5, 0, 1]));
    const header = {
      id: 3,
      result: {
        obs: grid,
        bytes: new Uint8Array([1, 2, 255]),
        ints: new Int32Array([-5, 7]),
        f64: new Float64Array([Math.PI]),
        flag: new WireArray('bool', [2], new Uint8Array([1, 0])),
        reward: -Infinity,
        nan: NaN,
        nested: [{ a: new Int16Array([-3]) }, null, 'x', true],
      },
    };
    const out = encodeMessage(header);
    expect(out.length).toBe(7);
    const decoded = decodeMessage(out) as { id: number; result: Record<string, unknown> };
    const r = decoded.result;
    expect(r.obs).toBeInstanceOf(WireArray);
    expect((r.obs as WireArray).shape).toEqual([2, 3]);
    expect(Array.from((r.obs as WireArray).data)).toEqual([0, 1, 0, 0.5, 0, 1]);
    expect((r.bytes as WireArray).data).toBeInstanceOf(Uint8Array);
    expect(Array.from((r.ints as WireArray).data)).toEqual([-5, 7]);
    expect((r.f64 as WireArray).data[0]).toBe(Math.PI);
    expect((r.flag as WireArray).dtype).toBe('bool');
    expect(r.reward).toBe(-Infinity);
    expect(r.nan).toBeNaN();
    const plain = unwrapArrays(r.nested) as [{ a: Int16Array }, null, string, boolean];
    expect(plain[0].a).toBeInstanceOf(Int16Array);
    expect(plain.slice(1)).toEqual([null, 'x', true]);
  });

  it('writes the byte layout of PROTOCOL.md 5.2 (float32, little-endian, row-major)', () => {
    const out = encodeMessage({
      obs: new WireArray('float32', [2, 3], new Float32Array([0, 1, 0, 0.5, 0, 1])),
    });
    expect(out[0].toString()).toBe('{"obs":{"__ndarray__":1,"dtype":"float32","shape":[2,3]}}');
    expect(out[1].toString('hex')).toBe('000000000000803f00000000' + '0000003f000000000000803f');
  });

  it('copies the sent bytes, so the sender may reuse its array', () => {
    const a = new Float32Array([1, 2]);
    const out = encodeMessage({ a });
    a[0] = 99;
    expect(new Float32Array(new Uint8Array(out[1]).buffer)[0]).toBe(1);
  });

  it('decodes int64 to float64 and rejects values beyond 2^53', () => {
    const ok = new BigInt64Array([-3n, 2n ** 40n]);
    const dec = decodeMessage(
      frames({ a: { __ndarray__: 1, dtype: 'int64', shape: [2] } }, new Uint8Array(ok.buffer)),
    ) as {
      a: WireArray;
    };
    expect(Array.from(dec.a.data)).toEqual([-3, 2 ** 40]);
    const big = new BigInt64Array([2n ** 60n]);
    expectProtocolError(
      () =>
        decodeMessage(
          frames({ a: { __ndarray__: 1, dtype: 'int64', shape: [1] } }, new Uint8Array(big.buffer)),
        ),
      'BadRequest',
      /beyond 2\^53/,
    );
  });

  it('rejects malformed messages with a BadRequest that names the problem', () => {
    const four = new Uint8Array(4);
    expectProtocolError(() => decodeMessage([]), 'BadRequest', /no frames/);
    expectProtocolError(() => decodeMessage([Buffer.from([0xff, 0xfe])]), 'BadRequest', /UTF-8/);
    expectProtocolError(() => decodeMessage(frames('{"id": 1,')), 'BadRequest', /not valid JSON/);
    expectProtocolError(
      () => decodeMessage(frames({ a: 1 }, four)),
      'BadRequest',
      /frame 1 is not referenced/,
    );
    expectProtocolError(
      () => decodeMessage(frames({ a: { __ndarray__: 2, dtype: 'uint8', shape: [4] } }, four)),
      'BadRequest',
      /frame 2 does not exist/,
    );
    expectProtocolError(
      () => decodeMessage(frames({ a: { __ndarray__: 0, dtype: 'uint8', shape: [4] } }, four)),
      'BadRequest',
      /frame index >= 1/,
    );
    expectProtocolError(
      () => decodeMessage(frames({ a: { __ndarray__: 1, dtype: 'float16', shape: [2] } }, four)),
      'BadRequest',
      /unknown dtype "float16"/,
    );
    expectProtocolError(
      () => decodeMessage(frames({ a: { __ndarray__: 1, dtype: 'float32', shape: [3] } }, four)),
      'BadRequest',
      /needs 12 bytes, frame has 4/,
    );
    expectProtocolError(
      () => decodeMessage(frames({ a: { __ndarray__: 1, dtype: 'uint8', shape: [-4] } }, four)),
      'BadRequest',
      /non-negative integers/,
    );
    expectProtocolError(
      () =>
        decodeMessage(
          frames(
            {
              a: { __ndarray__: 1, dtype: 'uint8', shape: [4] },
              b: { __ndarray__: 1, dtype: 'uint8', shape: [4] },
            },
            four,
          ),
        ),
      'BadRequest',
      /referenced twice/,
    );
    expectProtocolError(
      () =>
        decodeMessage(
          frames(
            { a: { __ndarray__: 1, dtype: 'bool', shape: [4] } },
            new Uint8Array([0, 1, 2, 0]),
          ),
        ),
      'BadRequest',
      /not 0 or 1/,
    );
    expectProtocolError(
      () => decodeMessage(frames({ a: { __float__: 'infinity' } })),
      'BadRequest',
      /__float__/,
    );
    expectProtocolError(
      () => decodeMessage(frames('['.repeat(100) + ']'.repeat(100))),
      'BadRequest',
      /nested deeper/,
    );
    const many = Array.from({ length: 70 }, () => new Uint8Array(1));
    expectProtocolError(() => decodeMessage(frames({}, ...many)), 'BadRequest', /70 data frames/);
  });

  it('enforces the size cap on the sum of all frames', () => {
    const limits = { ...DEFAULT_LIMITS, maxMessageBytes: 100 };
    expectProtocolError(
      () =>
        decodeMessage(
          frames({ a: { __ndarray__: 1, dtype: 'uint8', shape: [90] } }, new Uint8Array(90)),
          limits,
        ),
      'MessageTooLarge',
      /exceeds the limit of 100 bytes/,
    );
  });

  it('refuses to encode reserved keys and unsafe bigints', () => {
    expect(() => encodeMessage({ x: { __ndarray__: 1 } })).toThrow(/reserved key "__ndarray__"/);
    expect(() => encodeMessage({ x: 2n ** 60n })).toThrow(/does not fit/);
  });
});

describe('messages', () => {
  it('parses requests and names what is wrong', () => {
    expect(parseRequest({ id: 0, method: 'spec' })).toEqual({ id: 0, method: 'spec', params: {} });
    expect(parseRequest({ id: 5, method: 'step', params: { action: 1 }, v: 1 })).toEqual({
      id: 5,
      method: 'step',
      params: { action: 1 },
      v: 1,
    });
    expectProtocolError(() => parseRequest([1]), 'BadRequest', /JSON object/);
    expectProtocolError(() => parseRequest({ id: -1, method: 'spec' }), 'BadRequest', /"id"/);
    expectProtocolError(() => parseRequest({ id: 1.5, method: 'spec' }), 'BadRequest', /"id"/);
    expectProtocolError(
      () => parseRequest({ id: 1, method: 'fly' }),
      'UnknownMethod',
      /"fly".*spec, reset/,
    );
    expectProtocolError(() => parseRequest({ id: 1, method: 7 }), 'BadRequest', /"method"/);
    expectProtocolError(
      () => parseRequest({ id: 1, method: 'reset', params: [] }),
      'BadRequest',
      /"params"/,
    );
    expectProtocolError(
      () => parseRequest({ id: 1, method: 'reset', v: 2 }),
      'UnsupportedVersion',
      /version 2/,
    );
  });

  it('parses replies; unknown error types surface as EnvError', () => {
    expect(parseReply({ id: 1, result: { closed: true } })).toEqual({
      id: 1,
      result: { closed: true },
    });
    expect(parseReply({ id: null, error: { type: 'BadRequest', message: 'x' } })).toEqual({
      id: null,
      error: { type: 'BadRequest', message: 'x' },
    });
    expect(parseReply({ id: 2, error: { type: 'Weird', message: 'y' } }).error).toEqual({
      type: 'EnvError',
      message: 'Weird: y',
    });
    expectProtocolError(() => parseReply({ id: 1 }), 'BadRequest', /neither/);
  });
});
