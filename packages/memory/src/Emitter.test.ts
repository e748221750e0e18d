import EventEmitter from 'eventemitter3';
import { describe, expect, it } from 'vitest';
import { Emitter } from './Emitter';

interface Events {
  ping: [value: number];
}

/** The same script against eventemitter3 (the SDK's emitter) and the memory server's Emitter. */
function script(emitter: {
  on(event: 'ping', fn: (value: number) => void): unknown;
  off(event: 'ping', fn: (value: number) => void): unknown;
  emit(event: 'ping', value: number): unknown;
  listenerCount(event: 'ping'): number;
}) {
  const calls: string[] = [];
  const a = (value: number) => calls.push(`a${value}`);
  const b = (value: number) => calls.push(`b${value}`);
  const late = (value: number) => calls.push(`late${value}`);
  const removesB = (value: number) => {
    calls.push(`removesB${value}`);
    emitter.off('ping', b);
    emitter.on('ping', late);
  };
  emitter.on('ping', a);
  emitter.on('ping', a);
  emitter.on('ping', b);
  const counts = [emitter.listenerCount('ping')];
  emitter.emit('ping', 1);
  emitter.off('ping', a); // every registration of a at once
  counts.push(emitter.listenerCount('ping'));
  emitter.emit('ping', 2);
  emitter.on('ping', removesB);
  emitter.on('ping', b);
  emitter.emit('ping', 3); // b removed and late added during the emit: b still called, late not
  emitter.emit('ping', 4);
  counts.push(emitter.listenerCount('ping'));
  return { calls, counts };
}

describe('Emitter behaves as eventemitter3, the emitter of nim-web-sdk-ng services', () => {
  it('calls a function added twice twice, off removes all its registrations, an emit uses the listeners it started with', () => {
    const expected = script(new EventEmitter<Events>());
    expect(expected).toEqual({
      calls: ['a1', 'a1', 'b1', 'b2', 'b3', 'removesB3', 'b3', 'removesB4', 'late4'],
      counts: [3, 1, 3],
    });
    expect(script(new Emitter<Events>())).toEqual(expected);
  });

  it('a throwing listener stops the remaining listeners of that emit; the error is rethrown asynchronously', async () => {
    const calls: string[] = [];
    const failure = new Error('app listener failed');
    const throwing = () => {
      calls.push('throws');
      throw failure;
    };
    const after = (value: number) => calls.push(`after${value}`);
    const sdk = new EventEmitter<Events>();
    sdk.on('ping', throwing);
    sdk.on('ping', after);
    expect(() => sdk.emit('ping', 1)).toThrow(failure);
    const emitter = new Emitter<Events>();
    emitter.on('ping', throwing);
    emitter.on('ping', after);
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      expect(() => emitter.emit('ping', 1)).not.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      process.off('unhandledRejection', onRejection);
    }
    expect(calls).toEqual(['throws', 'throws']);
    expect(rejections).toEqual([failure]);
  });
});
