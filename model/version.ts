/** The tool's name and version as traces record them (from package.json). */
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export const TOOL = `${pkg.name} ${pkg.version}`;
