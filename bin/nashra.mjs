#!/usr/bin/env node
// Launcher for the nashra CLI: registers tsx so the TypeScript entry runs without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./nashra.ts');
