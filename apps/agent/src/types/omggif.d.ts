// Minimal declarations for omggif, the independent GIF decoder the tests check play's output with.
declare module 'omggif' {
  export class GifReader {
    constructor(buf: Uint8Array);
    width: number;
    height: number;
    numFrames(): number;
  }
}
