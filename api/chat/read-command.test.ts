import { describe, expect, it } from 'vitest';
import { readCommand } from './read-command.ts';

describe('readCommand', () => {
  it('reads our commands with ! or /, any case, with their arguments', () => {
    expect(readCommand('!sources 2')).toEqual({ command: 'sources', args: '2' });
    expect(readCommand('/STATUS')).toEqual({ command: 'status', args: '' });
    expect(readCommand('/help@hub_bot')).toEqual({ command: 'help', args: '', target: 'hub_bot' });
    expect(readCommand('!ask where is\nthe shelter?')).toEqual({ command: 'ask', args: 'where is\nthe shelter?' });
  });

  it('leaves other text and other bots’ commands alone', () => {
    expect(readCommand('where is the shelter?')).toBeNull();
    expect(readCommand('!weather')).toBeNull();
    expect(readCommand('/sourcesx')).toBeNull();
  });
});
