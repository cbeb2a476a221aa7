// The WebSub publisher ping the render and rebuild functions use: one implementation, in the adapters (the local server pings with it too).
export { pingWebSubHub } from '../adapters/ping-websub-hub.ts';
