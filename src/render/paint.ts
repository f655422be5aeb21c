// Colour for people at a terminal. Renderers take a Paint; without colour it is the identity,
// and chalk is loaded only when colour is on (a cron job never pays for it).

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  redBold(s: string): string;
  yellow(s: string): string;
  yellowBold(s: string): string;
  green(s: string): string;
}

const same = (s: string) => s;
export const plain: Paint = { bold: same, dim: same, red: same, redBold: same, yellow: same, yellowBold: same, green: same };

export async function paint(enabled: boolean): Promise<Paint> {
  if (!enabled) return plain;
  const { Chalk } = await import("chalk");
  const c = new Chalk({ level: 1 });
  return {
    bold: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    red: (s) => c.red(s),
    redBold: (s) => c.red.bold(s),
    yellow: (s) => c.yellow(s),
    yellowBold: (s) => c.yellow.bold(s),
    green: (s) => c.green(s),
  };
}
