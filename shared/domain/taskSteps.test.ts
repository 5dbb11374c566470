import { describe, expect, it } from 'vitest';
import { isTaskStepBack } from './task';

describe('a task never steps back', () => {
  it('lets a task move forward, through missed steps too', () => {
    expect(isTaskStepBack('queued', 'queued')).toBe(false);
    expect(isTaskStepBack('queued', 'delivered')).toBe(false);
    expect(isTaskStepBack('queued', 'in_progress')).toBe(false);
    expect(isTaskStepBack('escalated', 'done')).toBe(false);
    expect(isTaskStepBack('delivered', 'stood_down')).toBe(false);
  });

  it('flags a move back or out of an end state', () => {
    expect(isTaskStepBack('acknowledged', 'delivered')).toBe(true);
    expect(isTaskStepBack('in_progress', 'queued')).toBe(true);
    expect(isTaskStepBack('done', 'in_progress')).toBe(true);
    expect(isTaskStepBack('failed', 'escalated')).toBe(true);
  });

  it('lets a task seen stood down be called for again, and only then', () => {
    expect(isTaskStepBack('stood_down', 'queued')).toBe(false);
    expect(isTaskStepBack('stood_down', 'acknowledged')).toBe(false);
    expect(isTaskStepBack('acknowledged', 'queued')).toBe(true);
  });
});
