/**
 * A typed array that grows as values are appended (doubling, so appending is amortised O(1)): a column read a
 * chunk at a time from a test case whose size is not known in advance.
 */
export class GrowableArray<T extends Float64Array | Int32Array> {
  private data: T;
  private length = 0;

  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get size(): number {
    return this.length;
  }

  /** The values appended, in an array of exactly their number (the buffer is not copied when it fits). */
  done(): T {
    return this.data.length === this.length ? this.data : (this.data.subarray(0, this.length) as T);
  }
}

export const float64s = () => new GrowableArray((size) => new Float64Array(size));
export const int32s = () => new GrowableArray((size) => new Int32Array(size));
