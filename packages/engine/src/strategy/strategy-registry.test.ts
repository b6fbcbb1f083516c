import { describe, expect, it } from 'vitest';
import { createStrategy, getStrategyDefinition, STRATEGY_REGISTRY } from './strategy-registry.ts';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('strategy registry', () => {
  it('lists the four built-ins with defaults, category and risk level', () => {
    const summary = [...STRATEGY_REGISTRY.values()].map((definition) => ({
      name: definition.name,
      category: definition.category,
      riskLevel: definition.riskLevel,
      defaults: definition.defaults,
    }));
    expect(summary).toEqual([
      {
        name: 'MovingAverage',
        category: 'trend_following',
        riskLevel: 'medium',
        defaults: { fast: 10, slow: 30 },
      },
      {
        name: 'Momentum',
        category: 'momentum',
        riskLevel: 'medium',
        defaults: { fast: 12, slow: 26, signal: 9 },
      },
      {
        name: 'MeanReversion',
        category: 'mean_reversion',
        riskLevel: 'medium',
        defaults: { period: 14, oversold: 30, overbought: 70 },
      },
      {
        name: 'Breakout',
        category: 'breakout',
        riskLevel: 'high',
        defaults: { period: 20, stdDev: 2 },
      },
    ]);
    for (const definition of STRATEGY_REGISTRY.values()) {
      expect(definition.description.length).toBeGreaterThan(10);
      expect(definition.create().name).toBe(definition.name);
    }
  });

  it('fills missing parameters with defaults', () => {
    expect(getStrategyDefinition('MovingAverage').parseParams({ slow: 50 })).toEqual({
      fast: 10,
      slow: 50,
    });
    expect(createStrategy('MovingAverage', { fast: 5 }).warmupBars).toBe(31);
  });

  it('names an unknown strategy and the known ones', () => {
    expect(() => createStrategy('Martingale')).toThrow(
      'Unknown strategy "Martingale"; known strategies: MovingAverage, Momentum, MeanReversion, Breakout',
    );
  });

  it('names the bad parameter and says what is wrong', () => {
    expect(() => createStrategy('MovingAverage', { fast: 30, slow: 10 })).toThrow(
      'Invalid parameter "fast" for MovingAverage: must be less than slow (got fast 30, slow 10)',
    );
    expect(() => createStrategy('MovingAverage', { fast: 'ten' })).toThrow(
      /^Invalid parameter "fast" for MovingAverage: /,
    );
    expect(() => createStrategy('MovingAverage', { fast: 2.5 })).toThrow(
      /^Invalid parameter "fast" for MovingAverage: /,
    );
    expect(() => createStrategy('MovingAverage', { fsat: 5 })).toThrow(
      'Unknown parameter "fsat" for MovingAverage',
    );
    expect(() => createStrategy('MeanReversion', { oversold: 80 })).toThrow(
      'Invalid parameter "oversold" for MeanReversion: must be less than overbought (got oversold 80, overbought 70)',
    );
    expect(() => createStrategy('Breakout', 'wide')).toThrow(
      'Parameters for Breakout must be an object',
    );
    let caught: unknown;
    try {
      createStrategy('Momentum', { signal: 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'params.signal' } });
  });

  it('finds a strategy whatever its case and answers with the canonical name', () => {
    expect(getStrategyDefinition('momentum').name).toBe('Momentum');
    expect(getStrategyDefinition('MOVING_AVERAGE').name).toBe('MovingAverage');
    expect(() => getStrategyDefinition('momentumm')).toThrow(/^Unknown strategy "momentumm"/);
  });

  it("accepts the alias table's snake_case names and stores the own names", () => {
    const momentum = getStrategyDefinition('Momentum');
    expect(momentum.parameterAliases).toEqual({
      fast_period: 'fast',
      slow_period: 'slow',
      signal_period: 'signal',
    });
    expect(momentum.parseParams({ fast_period: 12, slow_period: 26, signal_period: 9 })).toEqual({
      fast: 12,
      slow: 26,
      signal: 9,
    });
    expect(getStrategyDefinition('Breakout').parseParams({ std_dev: 2.5 })).toEqual({
      period: 20,
      stdDev: 2.5,
    });
  });

  it("names a bad aliased parameter as the caller sent it, under the caller's path", () => {
    const momentum = getStrategyDefinition('Momentum');
    const bad = thrown(() =>
      momentum.parseParams({ fast_period: 30, slow_period: 26 }, 'config.parameters'),
    );
    expect(bad).toMatchObject({
      message:
        'Invalid parameter "fast_period" for Momentum: must be less than slow (got fast 30, slow 26)',
      details: { field: 'config.parameters.fast_period' },
    });
    expect(thrown(() => momentum.parseParams({ fast: 5, fast_period: 6 }))).toMatchObject({
      message: 'Parameters "fast" and "fast_period" for Momentum are the same parameter; give one',
      details: { field: 'params.fast_period' },
    });
    expect(thrown(() => momentum.parseParams({ speed: 1 }, 'config.parameters'))).toMatchObject({
      details: { field: 'config.parameters.speed' },
    });
  });
});
