import {
  DomainError,
  type StrategyTemplate,
  type Timeframe,
  type ZStrategyTemplatesInput,
} from '@tradewind/core';
import { getStrategyDefinition, STRATEGY_REGISTRY } from '@tradewind/engine';
import type { z } from 'zod';

type Preset = Omit<StrategyTemplate, 'category' | 'riskLevel' | 'parameterAliases'> &
  Partial<Pick<StrategyTemplate, 'riskLevel'>>;

const kebab = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

/** One template per built-in algorithm, with its default parameters. */
const DEFAULT_TEMPLATES: Preset[] = [...STRATEGY_REGISTRY.values()].map((definition) => ({
  id: kebab(definition.name),
  name: definition.name,
  description: definition.description,
  algorithm: definition.name,
  parameters: { ...definition.defaults } as StrategyTemplate['parameters'],
  timeframe: '1h',
  tags: [definition.category.replace('_', '-')],
}));

/** Named presets: well-known settings of the same algorithms. */
const PRESETS: Preset[] = [
  {
    id: 'golden-cross',
    name: 'Golden cross',
    description: 'The classic 50/200-day moving average crossover for slow, long trends.',
    algorithm: 'MovingAverage',
    parameters: { fast: 50, slow: 200 },
    timeframe: '1d',
    riskLevel: 'low',
    tags: ['trend-following', 'classic'],
  },
  {
    id: 'fast-ma-scalper',
    name: 'Fast MA scalper',
    description: 'A 5/20-bar moving average crossover on 5-minute bars: many short trades.',
    algorithm: 'MovingAverage',
    parameters: { fast: 5, slow: 20 },
    timeframe: '5m',
    riskLevel: 'high',
    tags: ['trend-following', 'intraday'],
  },
  {
    id: 'rsi-extremes',
    name: 'RSI extremes',
    description: 'Mean reversion that only buys deep oversold (RSI < 20) and sells above 80.',
    algorithm: 'MeanReversion',
    parameters: { period: 14, oversold: 20, overbought: 80 },
    timeframe: '1h',
    riskLevel: 'low',
    tags: ['mean-reversion', 'rsi'],
  },
  {
    id: 'macd-fast',
    name: 'Fast MACD',
    description: 'MACD momentum with short 5/35/5 periods, reacting early to new moves.',
    algorithm: 'Momentum',
    parameters: { fast: 5, slow: 35, signal: 5 },
    timeframe: '15m',
    riskLevel: 'high',
    tags: ['momentum', 'macd'],
  },
  {
    id: 'wide-bollinger-breakout',
    name: 'Wide Bollinger breakout',
    description: 'Buys only closes beyond 2.5 standard deviations of a 20-bar band.',
    algorithm: 'Breakout',
    parameters: { period: 20, stdDev: 2.5 },
    timeframe: '1d',
    riskLevel: 'medium',
    tags: ['breakout', 'volatility'],
  },
];

/**
 * Every built-in template. Category and default risk level come from the algorithm, and each
 * preset's parameters pass its schema here, at load time, so a bad preset cannot ship.
 */
export const STRATEGY_TEMPLATES: readonly StrategyTemplate[] = [
  ...DEFAULT_TEMPLATES,
  ...PRESETS,
].map((preset) => {
  const definition = getStrategyDefinition(preset.algorithm);
  return {
    ...preset,
    parameters: definition.parseParams(preset.parameters) as StrategyTemplate['parameters'],
    parameterAliases: { ...definition.parameterAliases },
    timeframe: preset.timeframe as Timeframe,
    category: definition.category,
    riskLevel: preset.riskLevel ?? definition.riskLevel,
  };
});

/** Templates filtered by category and risk level (seed 002's GET /strategies/templates). */
export function listTemplates(input: z.output<typeof ZStrategyTemplatesInput>): StrategyTemplate[] {
  return STRATEGY_TEMPLATES.filter(
    (template) =>
      (input.category === undefined || template.category === input.category) &&
      (input.riskLevel === undefined || template.riskLevel === input.riskLevel),
  );
}

/**
 * The template with this id.
 * @throws DomainError `NOT_FOUND` naming the unknown id and the known ones.
 */
export function findTemplate(templateId: string): StrategyTemplate {
  const template = STRATEGY_TEMPLATES.find((candidate) => candidate.id === templateId);
  if (template === undefined) {
    const known = STRATEGY_TEMPLATES.map((candidate) => candidate.id).join(', ');
    throw new DomainError(
      'NOT_FOUND',
      `Strategy template "${templateId}" not found; known templates: ${known}`,
      { field: 'templateId', templateId },
    );
  }
  return template;
}
