/**
 * The web app's PathSimR pair: which chosen file is the calendar (by its header, whatever the
 * names), and what is said when the choice is not a pair.
 */
import { describe, expect, it } from 'vitest';
import { importPair } from '../../src/web/pathsimrPair.js';

const network = { name: 'model.csv', text: ',A,X,serv_dist,serv_dist_param,ext_queue,int_queue,A,X,A,X\nA,0,1,exp,0.5,Inf,0,NA,NA,NA,NA\nX,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA\n' };
const calendar = { name: 'times.csv', text: '\uFEFF"metric","node","start","end","value"\r\ncap,A,0,,5\r\next_arr,A,0,,2\r\n' };

describe('importPair', () => {
  it('finds the calendar by its header, in either order', () => {
    for (const files of [[network, calendar], [calendar, network]]) {
      const result = importPair(files, 'days');
      expect(result.ok && result.source).toBe('the PathSimR model model.csv with times.csv (in days)');
      expect(result.ok && result.model.nodes.map((node) => node.id)).toEqual(['A', 'X']);
    }
  });

  it('says what is wrong with a choice that is not a pair', () => {
    expect(importPair([network], 'days')).toEqual({ ok: false, fileName: 'model.csv', issues: ['choose two files together, the network template and the calendar template; only one was chosen'] });
    expect(importPair([network, network], 'days')).toEqual({ ok: false, fileName: 'model.csv and model.csv', issues: ['neither file is a calendar template (its first line is metric,node,start,end,value)'] });
    expect(importPair([calendar, calendar], 'hours')).toEqual({ ok: false, fileName: 'times.csv and times.csv', issues: ['both files are calendar templates: choose the network template with one of them'] });
  });

  it('lists the importer\'s problems, at their rows and columns', () => {
    const broken = { ...network, text: network.text.replace('exp,0.5', 'exp,-1') };
    expect(importPair([broken, calendar], 'days')).toEqual({
      ok: false,
      fileName: 'model.csv and times.csv',
      issues: ['model.csv row 2, column "serv_dist_param": exp\'s parameters (rate) must all be above 0, as PathSimR requires; got -1'],
    });
  });
});
