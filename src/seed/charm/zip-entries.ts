// A few named members of a charm or bundle zip, read through its central directory with yauzl
// (streamed, the rest of the archive never read). A member larger than `maxBytes` is refused: a
// metadata file is small, and a zip bomb must not fill memory.
import yauzl from 'yauzl';

export const MAX_MEMBER_BYTES = 4 << 20;

/** The members of `file` that `want` accepts, by name; a missing member is simply absent. */
export function readZipEntries(file: string, want: (name: string) => boolean, maxBytes = MAX_MEMBER_BYTES): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err) return reject(new Error(`not a zip archive: ${err.message}`));
      const out = new Map<string, Buffer>();
      zip.on('error', (e: Error) => reject(new Error(`broken zip archive: ${e.message}`)));
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/') || !want(entry.fileName)) return zip.readEntry();
        if (entry.uncompressedSize > maxBytes) return reject(new Error(`${entry.fileName} is ${entry.uncompressedSize} bytes, more than the ${maxBytes} read from an archive`));
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(new Error(`broken zip member ${entry.fileName}: ${e.message}`));
          const parts: Buffer[] = [];
          stream.on('data', (c: Buffer) => parts.push(c));
          stream.on('error', (se: Error) => reject(new Error(`broken zip member ${entry.fileName}: ${se.message}`)));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
