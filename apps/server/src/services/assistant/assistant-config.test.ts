import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';

describe('assistant configuration', () => {
  it('runs offline unless ASSISTANT_PROVIDER_URL is set', () => {
    expect(loadConfig({}).assistant).toEqual({ provider: null });
  });

  it('reads the provider, model, key and timeout', () => {
    const config = loadConfig({
      ASSISTANT_PROVIDER_URL: 'http://127.0.0.1:11434/v1',
      ASSISTANT_MODEL: 'llama3.1',
      ASSISTANT_API_KEY: 'sk-local',
      ASSISTANT_TIMEOUT_MS: '5000',
    });
    expect(config.assistant.provider).toEqual({
      url: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1',
      apiKey: 'sk-local',
      timeoutMs: 5000,
    });
  });

  it('refuses a provider URL that is not a URL, without echoing it', () => {
    expect(() => loadConfig({ ASSISTANT_PROVIDER_URL: 'ftp://models.example' })).toThrow(
      /^Invalid environment: ASSISTANT_PROVIDER_URL: expected an http\(s\) URL$/,
    );
  });
});
