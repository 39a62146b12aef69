// A plain textarea made into a code editor: a line-number gutter and a backdrop that highlights lines with problems.

export type LineMarks = ReadonlyMap<number, "error" | "warning">;

export class MapEditor {
  private marks: LineMarks = new Map();

  constructor(
    readonly textarea: HTMLTextAreaElement,
    private readonly gutter: HTMLElement,
    private readonly backdrop: HTMLElement,
  ) {
    textarea.addEventListener("scroll", () => this.syncScroll());
    textarea.addEventListener("keydown", (event) => this.indentOnTab(event));
  }

  get text(): string {
    return this.textarea.value;
  }

  set text(value: string) {
    this.textarea.value = value;
    this.paint();
  }

  /** Marks lines (1-based) as holding an error or a warning; an error wins over a warning on the same line. */
  mark(marks: LineMarks): void {
    this.marks = marks;
    this.paint();
  }

  /** Redraws the gutter and the backdrop for the current text and marks. */
  paint(): void {
    const lines = this.textarea.value.split(/\r\n|\r|\n/);
    this.gutter.replaceChildren(...lines.map((_, i) => this.lineNumber(i + 1)));
    this.backdrop.replaceChildren(...lines.map((text, i) => this.backdropLine(text, i + 1)));
    this.syncScroll();
  }

  private lineNumber(line: number): HTMLElement {
    const div = document.createElement("div");
    div.textContent = String(line);
    const mark = this.marks.get(line);
    if (mark !== undefined) div.className = mark;
    return div;
  }

  private backdropLine(text: string, line: number): HTMLElement {
    const div = document.createElement("div");
    div.textContent = text === "" ? " " : text;
    div.dataset.line = String(line);
    const mark = this.marks.get(line);
    if (mark !== undefined) div.className = mark;
    return div;
  }

  private syncScroll(): void {
    this.gutter.scrollTop = this.textarea.scrollTop;
    this.backdrop.scrollTop = this.textarea.scrollTop;
    this.backdrop.scrollLeft = this.textarea.scrollLeft;
  }

  /** Tab inserts two spaces, as .map files indent, instead of leaving the editor. */
  private indentOnTab(event: KeyboardEvent): void {
    if (event.key !== "Tab" || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const { selectionStart, selectionEnd, value } = this.textarea;
    this.textarea.value = value.slice(0, selectionStart) + "  " + value.slice(selectionEnd);
    this.textarea.selectionStart = this.textarea.selectionEnd = selectionStart + 2;
    this.textarea.dispatchEvent(new Event("input"));
  }
}
