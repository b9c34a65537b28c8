/** preload/contract/channels.ts: every channel has its schemas, and names are unique. */
import { describe, expect, it } from 'vitest';
import { EVENTS, INVOKE } from '../../../preload/contract/channels.ts';
import { eventSchemas, invokeSchemas } from '../../../preload/contract/schemas.ts';

describe('contract channels', () => {
  it('each invoke channel has a request and a response schema, and each schema a channel', () => {
    expect(Object.values(INVOKE).sort()).toEqual(Object.keys(invokeSchemas).sort());
    for (const channel of Object.values(INVOKE)) expect(Object.keys(invokeSchemas[channel]).sort(), channel).toEqual(['request', 'response']);
  });

  it('each event has its payload schema, and each schema an event', () => {
    expect(Object.values(EVENTS).sort()).toEqual(Object.keys(eventSchemas).sort());
  });

  it('no two methods share a channel; invokes are named area.action and events state.* or ui.*', () => {
    expect(new Set(Object.values(INVOKE)).size).toBe(Object.keys(INVOKE).length);
    for (const c of Object.values(INVOKE)) expect(c).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    for (const e of Object.values(EVENTS)) expect(e).toMatch(/^(state|ui)\.[a-zA-Z]+$/);
  });
});
