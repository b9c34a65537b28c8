/**
 * The browser preview's socket (test/host/ws-host.ts ⇄ renderer/src/bridge/ws-transport.ts), beyond
 * the contract's channels it carries: a socket opened with FIRST_STATE_PARAM in its address is sent
 * the window's first state as soon as it opens, as the answer to question FIRST_STATE_ID. So the
 * page's boot script asks with the handshake itself, as the Electron preload asks before the page
 * has loaded (early-state.ts): nothing waits for the page to hear that the socket opened.
 */
export const FIRST_STATE_PARAM = 'firstState';

/** The handshake's question: the transport numbers its own from 1. */
export const FIRST_STATE_ID = 0;
