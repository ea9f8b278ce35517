/**
 * Preloaded (`node --require`) into the offline test's child process, and so into its worker
 * threads: every way out to the network throws and is reported on stderr as `NETWORK ATTEMPT`.
 */
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const { isMainThread } = require('node:worker_threads');

function blocked(what) {
  return function () {
    process.stderr.write(`NETWORK ATTEMPT ${what} (main thread: ${isMainThread})\n`);
    throw new Error(`network blocked: ${what}`);
  };
}

net.Socket.prototype.connect = blocked('net.Socket.connect');
net.connect = net.createConnection = blocked('net.connect');
tls.connect = blocked('tls.connect');
dns.lookup = blocked('dns.lookup');
dns.promises.lookup = blocked('dns.promises.lookup');
for (const mod of [http, https]) {
  mod.request = blocked('http(s).request');
  mod.get = blocked('http(s).get');
}
globalThis.fetch = blocked('fetch');
