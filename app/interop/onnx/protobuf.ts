/**
 * The protocol-buffers wire format, both ways, for the handful of ONNX messages Sapling writes and reads.
 * ONNX files are protobuf; the format is five wire types and a varint, so a ~150-line codec replaces a
 * general protobuf library plus onnx.proto (a second schema to ship and keep in step). Field numbers live
 * with the messages in onnx-proto.ts.
 *
 * Writing: a Message collects fields in order and serializes once. Reading: `fields` splits a buffer into
 * (field number, wire type, value) records and refuses truncated or malformed input with a message.
 */

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();

/** A growable byte buffer. */
class Bytes {
  private buf = new Uint8Array(256);
  length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** Unsigned varint of a non-negative integer, or a negative int64 as its 10-byte two's complement. */
  varint(v: number | bigint): void {
    let n = BigInt.asUintN(64, BigInt(v));
    while (n >= 0x80n) {
      this.byte(Number(n & 0x7fn) | 0x80);
      n >>= 7n;
    }
    this.byte(Number(n));
  }

  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** A message being written: call the typed adders in field order, then `bytes()`. */
export class Message {
  private readonly out = new Bytes();

  private key(field: number, wire: number): void {
    this.out.varint((field << 3) | wire);
  }

  int(field: number, v: number | bigint): this {
    this.key(field, WIRE_VARINT);
    this.out.varint(v);
    return this;
  }

  float32(field: number, v: number): this {
    this.key(field, WIRE_FIXED32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.out.bytes(b);
    return this;
  }

  raw(field: number, b: Uint8Array): this {
    this.key(field, WIRE_BYTES);
    this.out.varint(b.length);
    this.out.bytes(b);
    return this;
  }

  string(field: number, s: string): this {
    return this.raw(field, utf8.encode(s));
  }

  message(field: number, m: Message): this {
    return this.raw(field, m.bytes());
  }

  /** Packed repeated int64 (varints). */
  packedInts(field: number, vs: ArrayLike<number>): this {
    const inner = new Bytes();
    for (let i = 0; i < vs.length; i++) inner.varint(vs[i]);
    return this.raw(field, inner.done());
  }

  /** Packed repeated float (fixed32, little-endian). */
  packedFloats(field: number, vs: ArrayLike<number>): this {
    const b = new Uint8Array(4 * vs.length);
    const view = new DataView(b.buffer);
    for (let i = 0; i < vs.length; i++) view.setFloat32(4 * i, vs[i], true);
    return this.raw(field, b);
  }

  /** Packed repeated double (fixed64, little-endian). */
  packedDoubles(field: number, vs: ArrayLike<number>): this {
    const b = new Uint8Array(8 * vs.length);
    const view = new DataView(b.buffer);
    for (let i = 0; i < vs.length; i++) view.setFloat64(8 * i, vs[i], true);
    return this.raw(field, b);
  }

  bytes(): Uint8Array {
    return this.out.done();
  }
}

// ---------- reading ----------

export class ProtobufError extends Error {}

export interface Field {
  readonly field: number;
  readonly wire: number;
  /** Varint value (as bigint), or the fixed32/fixed64 bytes, or the length-delimited bytes. */
  readonly int?: bigint;
  readonly data?: Uint8Array;
}

function readVarint(b: Uint8Array, at: { pos: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (at.pos >= b.length) throw new ProtobufError('the file ends inside a number (truncated?)');
    const byte = b[at.pos++];
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7n;
  }
  throw new ProtobufError('a number is longer than 10 bytes (not a protobuf file?)');
}

/** The fields of one message, in file order. */
export function fields(b: Uint8Array): Field[] {
  const out: Field[] = [];
  const at = { pos: 0 };
  while (at.pos < b.length) {
    const key = Number(readVarint(b, at));
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 0) throw new ProtobufError('field number 0 (not a protobuf file?)');
    if (wire === WIRE_VARINT) out.push({ field, wire, int: readVarint(b, at) });
    else if (wire === WIRE_FIXED64 || wire === WIRE_FIXED32) {
      const size = wire === WIRE_FIXED64 ? 8 : 4;
      if (at.pos + size > b.length) throw new ProtobufError('the file ends inside a number (truncated?)');
      out.push({ field, wire, data: b.subarray(at.pos, at.pos + size) });
      at.pos += size;
    } else if (wire === WIRE_BYTES) {
      const len = Number(readVarint(b, at));
      if (at.pos + len > b.length) throw new ProtobufError('the file ends inside a field (truncated?)');
      out.push({ field, wire, data: b.subarray(at.pos, at.pos + len) });
      at.pos += len;
    } else throw new ProtobufError(`unknown protobuf wire type ${wire} (not an ONNX file?)`);
  }
  return out;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

export function text(f: Field): string {
  return f.data ? utf8Decoder.decode(f.data) : '';
}

/** A signed int64 varint as a JS number. */
export function int64(f: Field): number {
  return f.int === undefined ? 0 : Number(BigInt.asIntN(64, f.int));
}

/** Repeated int64 — packed (one bytes field) or not (one varint per field); collects every occurrence. */
export function repeatedInts(fs: readonly Field[], field: number): number[] {
  const out: number[] = [];
  for (const f of fs) {
    if (f.field !== field) continue;
    if (f.wire === WIRE_VARINT) out.push(int64(f));
    else if (f.data) {
      const at = { pos: 0 };
      while (at.pos < f.data.length) out.push(Number(BigInt.asIntN(64, readVarint(f.data, at))));
    }
  }
  return out;
}

/** Repeated float (fixed32) or double (fixed64), packed or not. */
export function repeatedReals(fs: readonly Field[], field: number, size: 4 | 8): number[] {
  const out: number[] = [];
  for (const f of fs) {
    if (f.field !== field || !f.data) continue;
    const view = new DataView(f.data.buffer, f.data.byteOffset, f.data.byteLength);
    if (f.data.length % size !== 0) throw new ProtobufError('a list of numbers has a broken length (truncated?)');
    for (let i = 0; i < f.data.length; i += size)
      out.push(size === 4 ? view.getFloat32(i, true) : view.getFloat64(i, true));
  }
  return out;
}
