// The real clock, handed to the core by composition roots (CLI, server, Lambda handlers).
import type { Clock } from '../core/clock.ts';

export const systemClock: Clock = () => new Date();
