import { describe, expect, it } from 'vitest';
import { expectedAnswerType, quantityFrameWords } from './expected-answer-type.ts';

describe('the type of value a question asks for', () => {
  it('reads durations, money, counts and times of day from the wording', () => {
    expect(expectedAnswerType('how long does a tornado usually last')?.name).toBe('duration');
    expect(expectedAnswerType('how much does flood insurance cost per year')?.name).toBe('money');
    expect(expectedAnswerType('what is the price of a generator')?.name).toBe('money');
    expect(expectedAnswerType('how many inches of moving water can knock a person over')?.name).toBe('count');
    expect(expectedAnswerType('what time does the pharmacy on main street close')?.name).toBe('time of day');
  });

  it('asks for no type when the wording does not say, and "how much" of a thing is not money', () => {
    expect(expectedAnswerType('how much bleach per gallon of water')).toBeNull();
    expect(expectedAnswerType('where should we hide when a twister is coming')).toBeNull();
    expect(expectedAnswerType('how do I treat a snake bite')).toBeNull();
  });

  it('finds the value in answering sentences and not in sentences about the topic alone', () => {
    const duration = expectedAnswerType('how long do i need to boil water')!;
    expect(duration.matches('Bring water to a rolling boil for one minute.')).toBe(true);
    expect(duration.matches('Food stays frozen for about two days in a full freezer.')).toBe(true);
    expect(duration.matches('Wear thick-soled shoes, long pants, and work gloves.')).toBe(false);
    const money = expectedAnswerType('how much does flood insurance cost')!;
    expect(money.matches('Policies start at $400 a year.')).toBe(true);
    expect(money.matches('Obtain flood insurance.')).toBe(false);
    const time = expectedAnswerType('what time does the shelter open')!;
    expect(time.matches('The shelter opens at 6 pm.')).toBe(true);
    expect(time.matches('The shelter opens on Monday.')).toBe(false);
  });

  it('treats the word after "how" in how long / many / much / often as a frame, not a topic word', () => {
    expect([...quantityFrameWords('how long does a tornado last')]).toEqual(['long']);
    expect([...quantityFrameWords('wear long pants')]).toEqual([]);
    expect([...quantityFrameWords('how far inland should we go')]).toEqual([]);
  });
});
