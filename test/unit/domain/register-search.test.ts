import { describe, expect, it } from 'vitest';
import { searchRank } from '../../../shared/domain/register';

/** Searching a master register by the name a requester gives at the counter (issue #20, item 6). */
const an = ['125/1990', 'Nguyễn Văn An', '1990-03-15', 'Nam'];
const anh = ['126/1990', 'Nguyễn Văn Anh', '1990-04-02', 'Nam'];
const nhung = ['127/1990', 'Lê Thị Hồng Nhung', '1990-04-18', 'Nữ'];

describe('register search by name', () => {
  it('finds the entry by its whole name, whatever the case and accents', () => {
    // Act + Assess
    for (const q of ['Nguyễn Văn An', 'nguyen van an', 'NGUYỄN VĂN AN', '  Nguyễn   Văn An ', 'Nguye\u0302\u0303n Va\u0306n An']) {
      expect(searchRank(an, q), q).toBe(0);
    }
  });

  it('finds the entry when the middle name is left out or the words come in another order', () => {
    // Act + Assess
    expect(searchRank(an, 'Nguyễn An')).toBe(1);
    expect(searchRank(an, 'An Nguyễn')).toBe(1);
  });

  it('ranks the whole name before a longer name that only begins with it', () => {
    // Act
    const ranks = [anh, an].map((e) => searchRank(e, 'Nguyễn Văn An'));

    // Assess: Anh is found (a prefix) but after An
    expect(ranks[1]).toBe(0);
    expect(ranks[0]).toBe(2);
  });

  it('does not find an entry missing one of the words', () => {
    // Act + Assess
    expect(searchRank(nhung, 'Nguyễn Văn An')).toBeUndefined();
    expect(searchRank(an, 'Nguyễn Thị An')).toBeUndefined();
  });

  it('still finds by the entry number and by the beginning of a word', () => {
    // Act + Assess
    expect(searchRank(an, '125/1990')).toBe(0);
    expect(searchRank(nhung, 'hong nh')).toBe(2);
  });
});
