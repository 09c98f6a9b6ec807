// Turns a stream of text chunks into whole lines, as a log driver does: partial lines wait, long lines are split.

/** Docker's log drivers cut lines longer than 16 KiB into several messages; so do we. */
export const MAX_LINE_CHARS = 16 * 1024;

export interface LineSplitter {
  push(chunk: string): void;
  /** Emits a final unterminated line, if any. */
  end(): void;
}

/** Empty lines are dropped: a CloudWatch Logs event cannot be empty. A trailing `\r` is removed. */
export const createLineSplitter = (emit: (line: string) => void, maxLineChars = MAX_LINE_CHARS): LineSplitter => {
  let pending = '';
  const emitLine = (line: string): void => {
    for (let from = 0; from < line.length; from += maxLineChars) emit(line.slice(from, from + maxLineChars));
  };
  return {
    push(chunk) {
      pending += chunk;
      let start = 0;
      for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n', start)) {
        const end = nl > start && pending.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        emitLine(pending.slice(start, end));
        start = nl + 1;
      }
      pending = pending.slice(start);
      while (pending.length > maxLineChars) {
        emit(pending.slice(0, maxLineChars));
        pending = pending.slice(maxLineChars);
      }
    },
    end() {
      emitLine(pending);
      pending = '';
    },
  };
};
