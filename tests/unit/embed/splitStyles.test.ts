// The build's split of the widget's stylesheet: what the first step can match stays in embed.js, in its order.
import { describe, expect, it } from 'vitest';
import { splitStyles } from '../../../embed/splitStyles.ts';

const firstStep = new Set(['duet', 'field', 'choice', 'nav']);
const split = (css: string) => splitStyles(css, (c) => firstStep.has(c));

describe('splitting the stylesheet between embed.js and the later chunks', () => {
  it('moves a rule whose classes the first step never mentions, and keeps the rest in their order', () => {
    expect(split('.duet{color:red}.daychip{padding:0}.field{margin:0}.summary h3{margin:0}')).toEqual({
      first: '.duet{color:red}.field{margin:0}',
      later: '.daychip{padding:0}.summary h3{margin:0}',
    });
  });

  it('keeps rules without a class, rules that mix a first-step class in, and every selector of a list that needs it', () => {
    expect(split(':host{display:block}h2{margin:0}.choice input,.slot input{width:1rem}.nav .late{x:1}.daychip,h3{y:2}')).toEqual({
      first: ':host{display:block}h2{margin:0}.choice input,.slot input{width:1rem}.daychip,h3{y:2}',
      later: '.nav .late{x:1}',
    });
  });

  it('splits @media and @container blocks rule by rule and keeps other at-rules whole', () => {
    const css =
      '@media (max-width:30rem){.duet{padding:0}.times{grid-template-columns:1fr}}' +
      '@container (width<=26rem){.daypicker .days{display:grid}}@keyframes spin{to{rotate:1turn}}';
    expect(split(css)).toEqual({
      first: '@media (max-width:30rem){.duet{padding:0}}@keyframes spin{to{rotate:1turn}}',
      later: '@media (max-width:30rem){.times{grid-template-columns:1fr}}@container (width<=26rem){.daypicker .days{display:grid}}',
    });
  });

  it('reads commas inside :is() and braces inside strings as part of the rule; a class in :not() or :is() is not needed', () => {
    expect(split('.duet :is(.a,.b){content:"}"}.field:not(.late){a:1}.x:not(.y,.z){content:"{"}')).toEqual({
      first: '.duet :is(.a,.b){content:"}"}.field:not(.late){a:1}',
      later: '.x:not(.y,.z){content:"{"}',
    });
  });
});
