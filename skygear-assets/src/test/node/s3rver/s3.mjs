// S3-compatible server for the asset tests: s3rver on 127.0.0.1, an ephemeral port, one bucket.
//   node s3.mjs <data dir> <bucket>
// Prints "LISTENING <port>" once it accepts connections; stops when stdin closes (the JVM exited).
import S3rver from "s3rver";

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({
  port: 0,
  address: "127.0.0.1",
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});
const { port } = await server.run();
console.log(`LISTENING ${port}`);
process.stdin.on("end", () => server.close().then(() => process.exit(0)));
process.stdin.resume();
