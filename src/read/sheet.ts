// What every reader returns: the cells of one sheet as text, rows in file order, with what
// was decided while decoding it. Row i of `rows` is the row a person sees as number i + 1.

export interface Sheet {
  /** The file as the user named it ("-" for standard input). */
  readonly file: string;
  /** Sheet name for workbooks; null for text files. */
  readonly sheet: string | null;
  readonly rows: readonly (readonly string[])[];
  readonly encoding: string;
  readonly delimiter: string | null;
}
