package layout

import "github.com/broadsheet-news/broadsheet/layout/place"

// mostThatFit returns how many of the first modules (at least 1, fewer
// than n) can be placed, by solve(k), which places the first k; and the
// solution for that many. Past place.MaxExact modules it bisects, taking
// fitting to be monotone (fewer modules fit where more do), so that a page
// given 200 briefs costs a handful of solves rather than one per brief
// left out; below, it leaves modules out one at a time as before, which
// finds the most that fit even where fitting is not monotone.
func mostThatFit(n int, solve func(k int) (place.Solution, error)) (int, place.Solution, error) {
	if n-1 <= place.MaxExact {
		var sol place.Solution
		var err error
		k := n - 1
		for ; k >= 1; k-- {
			if sol, err = solve(k); err == nil {
				return k, sol, nil
			}
		}
		return 1, sol, err
	}
	lo, hi := 0, n // solve(lo) is known to succeed when lo > 0; solve(hi) fails
	var best place.Solution
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if sol, err := solve(mid); err == nil {
			lo, best = mid, sol
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		sol, err := solve(1)
		return 1, sol, err
	}
	return lo, best, nil
}
