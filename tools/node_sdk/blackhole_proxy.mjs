// A TCP proxy for the failover benchmark's scenario (d): it forwards to a target port until it
// receives SIGUSR1, then turns into a blackhole (accepts connections, never answers), so a
// host that answered discovery once can be made to hang on everything, discovery included.
// SIGUSR2 turns it back into a forwarder.
// Prints "proxy ready on PORT" once listening.
//   node blackhole_proxy.mjs TARGET_PORT
import net from 'node:net';

const targetPort = Number(process.argv[2]);
let blackhole = false;
const live = new Set();

const server = net.createServer((client) => {
  live.add(client);
  client.on('close', () => live.delete(client));
  client.on('error', () => {});
  if (blackhole) {
    client.on('data', () => {});  // read and never answer
    return;
  }
  const upstream = net.connect(targetPort, '127.0.0.1');
  upstream.on('error', () => client.destroy());
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
  client.pipe(upstream);
  upstream.pipe(client);
});

process.on('SIGUSR1', () => {
  blackhole = true;
  for (const s of live) s.destroy();  // idle keep-alive connections must not keep forwarding
});
process.on('SIGUSR2', () => {
  blackhole = false;
  for (const s of live) s.destroy();
});
process.on('SIGTERM', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  console.log(`proxy ready on ${server.address().port}`);
});
