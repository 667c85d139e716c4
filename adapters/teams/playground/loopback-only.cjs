// Preloaded into the Agents Playground (node --require): its server calls listen(port) with no host,
// which listens on every interface, so anyone on the network could chat with the copilot, and approve
// as the Playground's user. Listening without a host here means the loopback interface only.
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  const isPort = typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first));
  if (isPort && (second === undefined || typeof second === 'function')) {
    return listen.call(this, first, LOOPBACK, ...args.slice(1));
  }
  if (first && typeof first === 'object' && 'port' in first && !first.host && !first.path) {
    return listen.call(this, { ...first, host: LOOPBACK }, ...args.slice(1));
  }
  return listen.apply(this, args);
};
