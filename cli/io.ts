// What a command writes to: standard output and error, and whether colour is wanted. Commands are
// functions over this (tests pass strings; the entry points pass the process's streams).
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  color?: boolean;
}
