// A tiny VT100 screen for tests: enough of the cursor, erase and scrolling rules to see what a live view leaves on a terminal.
import { EventEmitter } from 'node:events';

export class FakeTerminal extends EventEmitter {
  columns: number;
  rows: number;
  readonly writes: string[] = [];
  /** Lines scrolled off the top: what the scrollback holds. */
  readonly history: string[] = [];
  private screen: string[][];
  private x = 0;
  private y = 0;

  constructor(columns = 80, rows = 24) {
    super();
    this.columns = columns;
    this.rows = rows;
    this.screen = Array.from({ length: rows }, () => []);
  }

  get output(): string {
    return this.writes.join('');
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    while (this.screen.length < rows) this.screen.push([]);
    while (this.screen.length > rows) {
      this.history.push(this.line(0));
      this.screen.shift();
      this.y = Math.max(0, this.y - 1);
    }
    this.emit('resize');
  }

  /** The visible screen, one string per row, trailing blanks removed. */
  lines(): string[] {
    return this.screen.map((_, i) => this.line(i));
  }

  /** Scrollback and screen together, as `tmux capture-pane -S -` shows them. */
  all(): string[] {
    return [...this.history, ...this.lines()];
  }

  write(s: string): boolean {
    this.writes.push(s);
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c === '\x1b' && s[i + 1] === '[') {
        // eslint-disable-next-line no-control-regex -- parsing escape sequences
        const m = /^\x1b\[([0-9;?]*)([A-Za-z])/.exec(s.slice(i))!;
        this.csi(m[1]!, m[2]!);
        i += m[0].length - 1;
      } else if (c === '\r') this.x = 0;
      else if (c === '\n') {
        this.x = 0;
        this.down();
      } else {
        if (this.x >= this.columns) {
          this.x = 0;
          this.down();
        }
        this.screen[this.y]![this.x++] = c;
      }
    }
    return true;
  }

  private line(i: number): string {
    return Array.from(this.screen[i] ?? [], (c) => c ?? ' ')
      .join('')
      .trimEnd();
  }

  private down(): void {
    if (this.y < this.rows - 1) {
      this.y++;
      return;
    }
    this.history.push(this.line(0));
    this.screen.shift();
    this.screen.push([]);
  }

  private csi(params: string, final: string): void {
    const n = Number(params || '1');
    if (final === 'A') this.y = Math.max(0, this.y - n);
    else if (final === 'B') this.y = Math.min(this.rows - 1, this.y + n);
    else if (final === 'F') {
      this.y = Math.max(0, this.y - n);
      this.x = 0;
    } else if (final === 'K') this.screen[this.y]!.length = Math.min(this.screen[this.y]!.length, this.x);
    else if (final === 'J' && (params === '' || params === '0')) {
      // tmux keeps what "erase below" sent from the top-left corner erases: the screen goes to the scrollback.
      if (this.x === 0 && this.y === 0) this.history.push(...this.lines().filter(Boolean));
      this.screen[this.y]!.length = Math.min(this.screen[this.y]!.length, this.x);
      for (let r = this.y + 1; r < this.rows; r++) this.screen[r] = [];
    } else if (final === 'J' || final === 'H') throw new Error(`screen-wide sequence ESC[${params}${final} written`);
  }
}
