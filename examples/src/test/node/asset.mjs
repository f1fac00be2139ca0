// Asset upload options of the real @skygear/node-client, each fetched back: a private asset with its own
// headers (refused without a signature, served by a signed URL), a stream upload with a declared size,
// the upload form of the client's _presignUploadForm, and a PNG fetched through an
// ImageProcessingPipelineBuilder pipeline.
//
//   SKYGEAR_ENDPOINT=… SKYGEAR_API_KEY=… SKYGEAR_MASTER_KEY=… node asset.mjs
//
// The master key only signs the private asset's URL (get_signed_url is master-key only, as in the original).
// Output as lib.mjs describes; NodeClientCompatTest runs it.
import { Readable } from "node:stream";
import { deflateSync } from "node:zlib";
import { ImageProcessingPipelineBuilder } from "@skygear/node-client";
import {
  check, checkEqual, endpoint, main, newContainer, postJson, requiredEnv, run, step,
} from "./lib.mjs";

const masterKey = requiredEnv("SKYGEAR_MASTER_KEY");

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) {
      crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
    }
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A width × height opaque RGB PNG. */
function png(width, height) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header), chunk("IDAT", deflateSync(pixels)), chunk("IEND", Buffer.alloc(0))]);
}

async function get(url) {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

main(async () => {
  const app = await newContainer();

  await step("signup", async () => {
    const user = await app.auth.signupWithEmail(`asset-${run}@example.com`, `asset-Passw0rd-${run}`);
    return `user ${user.id} (uploads need a logged-in user)`;
  });

  await step("private_asset_with_headers", async () => {
    const content = `private notes ${run}`;
    const name = await app.asset.upload(Buffer.from(content), {
      prefix: "private-",
      access: "private",
      headers: { "content-type": "text/plain", "content-disposition": "attachment; filename=\"notes.txt\"" },
    });
    check(/^private-[0-9a-f-]{36}\.txt$/.test(name), `asset.upload returned ${JSON.stringify(name)}`);
    const unsigned = await get(`${endpoint}/_asset/get/${name}`);
    checkEqual(unsigned.status, 401, "GET of a private asset without a signature: status");
    const signed = await postJson("/_asset/get_signed_url", { assets: [{ asset_name: name, expire: 600 }] },
      { "x-skygear-api-key": masterKey });
    checkEqual(signed.status, 200, `get_signed_url: status (${JSON.stringify(signed.body)})`);
    const [{ asset_name: signedName, url }] = signed.body.result.assets;
    checkEqual(signedName, name, "get_signed_url: asset_name");
    const fetched = await get(url);
    checkEqual(fetched.status, 200, "GET of the signed URL: status");
    checkEqual(fetched.body.toString(), content, "GET of the signed URL: body");
    checkEqual(fetched.headers.get("content-disposition"), "attachment; filename=\"notes.txt\"", "content-disposition");
    check(fetched.headers.get("cache-control").startsWith("private"), `cache-control ${fetched.headers.get("cache-control")}`);
    return `${name}: 401 unsigned, 200 signed`;
  });

  await step("stream_upload_with_size", async () => {
    const parts = ["streamed ", "in ", `three parts ${run}`];
    const size = Buffer.byteLength(parts.join(""));
    const name = await app.asset.upload(Readable.from(parts.map((p) => Buffer.from(p))), {
      size,
      headers: { "content-type": "text/plain" },
    });
    const fetched = await get(`${endpoint}/_asset/get/${name}`);
    checkEqual(fetched.status, 200, `GET /_asset/get/${name}: status`);
    checkEqual(fetched.body.toString(), parts.join(""), `GET /_asset/get/${name}: body`);
    checkEqual(fetched.headers.get("content-length"), String(size), "content-length");
    return `${name}, ${size} bytes`;
  });

  await step("upload_form", async () => {
    // the browser client's path: _presignUploadForm, then a multipart POST of the file
    const { url } = await app.apiClient._presignUploadForm();
    check(url.startsWith(`${endpoint}/_asset/upload_form?`), `presign_upload_form: url ${url}`);
    const form = new FormData();
    form.append("prefix", "form-");
    form.append("file", new Blob([`form upload ${run}`], { type: "text/plain" }), "note.txt");
    const response = await fetch(url, { method: "POST", body: form });
    const body = await response.json();
    checkEqual(response.status, 200, `upload_form: status (${JSON.stringify(body)})`);
    const name = body.result.asset_name;
    check(/^form-[0-9a-f-]{36}\.txt$/.test(name), `upload_form: asset_name ${name}`);
    const fetched = await get(`${endpoint}/_asset/get/${name}`);
    checkEqual(fetched.body.toString(), `form upload ${run}`, `GET /_asset/get/${name}: body`);
    return name;
  });

  await step("image_pipeline", async () => {
    const name = await app.asset.upload(png(8, 4), { prefix: "image-", headers: { "content-type": "image/png" } });
    check(name.endsWith(".png"), `asset.upload returned ${name}`);
    const pipeline = new ImageProcessingPipelineBuilder().resize({ scalingMode: "fixed", targetWidth: 4, targetHeight: 2 })
      .format("png");
    const url = pipeline.setToURLString(`${endpoint}/_asset/get/${name}`);
    check(url.includes("?pipeline=image%2Fresize%2Cm_fixed%2Cw_4%2Ch_2%2Fformat%2Cpng")
      || url.includes("?pipeline=image/resize,m_fixed,w_4,h_2/format,png"), `pipeline URL ${url}`);
    const fetched = await get(url);
    checkEqual(fetched.status, 200, "GET with the pipeline: status");
    checkEqual(fetched.headers.get("content-type"), "image/png", "GET with the pipeline: content-type");
    checkEqual(fetched.body.subarray(1, 4).toString("ascii"), "PNG", "GET with the pipeline: a PNG");
    checkEqual([fetched.body.readUInt32BE(16), fetched.body.readUInt32BE(20)], [4, 2], "GET with the pipeline: width × height");
    return `${name} resized 8×4 → 4×2`;
  });
});
