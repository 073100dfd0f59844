// Git output cut into records as it arrives in chunks (GitRunner.stream, from a pipe or a spool).
// Records are cut on the separator BYTE (NUL or LF never occur inside a UTF-8 sequence) and each is
// decoded on its own: the strings kept by callers are then flat and one-byte when ASCII, instead
// of slices that pin every 64 KB chunk (two-byte if one character needs it).

export class RecordSplitter {
  private readonly sepByte: number;
  private carry: Buffer[] = [];

  constructor(separator: '\0' | '\n') {
    this.sepByte = separator === '\0' ? 0 : 10;
  }

  /** The records `chunk` completes (none when it holds no separator); the rest waits for the next chunk. */
  push(chunk: Buffer): string[] {
    let idx = chunk.indexOf(this.sepByte);
    if (idx < 0) {
      this.carry.push(chunk);
      return [];
    }
    const records: string[] = [];
    let start = 0;
    while (idx >= 0) {
      if (this.carry.length > 0) {
        this.carry.push(chunk.subarray(start, idx));
        records.push(Buffer.concat(this.carry).toString('utf8'));
        this.carry = [];
      } else {
        records.push(chunk.toString('utf8', start, idx));
      }
      start = idx + 1;
      idx = chunk.indexOf(this.sepByte, start);
    }
    if (start < chunk.length) this.carry.push(chunk.subarray(start));
    return records;
  }

  /** The last record when the output did not end with a separator. */
  end(): string | undefined {
    if (this.carry.length === 0) return undefined;
    const last = Buffer.concat(this.carry).toString('utf8');
    this.carry = [];
    return last;
  }
}
