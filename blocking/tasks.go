package blocking

// taskPairs is the number of pairs a task aims at: large enough that the
// per-task overhead vanishes, small enough that a task's output stays in
// cache and the work spreads evenly over workers.
const taskPairs = 1 << 15

// task is a unit of pair generation handed to one worker. Either it covers
// the whole units (blocks, or windows of a sorted-neighbourhood rule)
// [b0, b1) of a rule (part < 0), or the rows [r0, r1) of one part of unit
// b0 (part >= 0), when that unit alone has many more pairs than taskPairs.
type task struct {
	rule   int32
	b0, b1 int32
	part   int32
	r0, r1 int32
}

// numParts is the number of parts of a unit: a link-mode window of a
// sorted-neighbourhood rule has two (left anchor rows against right
// records, and right anchor rows against later left records).
func (c *Candidates) numParts(r *ruleIndex) int {
	if c.mode == Link && r.kind == kindSorted {
		return 2
	}
	return 1
}

// windowEnd is the group after the last group of the window anchored at b.
func (r *ruleIndex) windowEnd(b int) int {
	return min(b+int(r.window), r.numBlocks())
}

// partGeometry describes part p of unit b: rows are rowArr[r0:r1]; row
// position i pairs with colArr[max(c0, i+1 if tri):c1]. tri means rows and
// columns are the same array (dedupe): a row pairs only with later
// positions. swap means the rows are right records (link mode).
type partGeometry struct {
	rowArr, colArr []int32
	r0, r1         int32
	c0, c1         int32
	tri, swap      bool
}

func (c *Candidates) geometry(r *ruleIndex, b, p int) partGeometry {
	if r.kind == kindSorted && r.skip[b] {
		return partGeometry{}
	}
	if c.mode == Dedupe {
		end := b + 1
		if r.kind == kindSorted {
			end = r.windowEnd(b)
		}
		return partGeometry{rowArr: r.mem, colArr: r.mem, r0: r.start[b], r1: r.start[b+1], c1: r.start[end], tri: true}
	}
	if r.kind == kindExact {
		return partGeometry{rowArr: r.memL, colArr: r.memR, r0: r.startL[b], r1: r.startL[b+1], c0: r.startR[b], c1: r.startR[b+1]}
	}
	end := r.windowEnd(b)
	if p == 0 {
		return partGeometry{rowArr: r.memL, colArr: r.memR, r0: r.startL[b], r1: r.startL[b+1], c0: r.startR[b], c1: r.startR[end]}
	}
	return partGeometry{rowArr: r.memR, colArr: r.memL, r0: r.startR[b], r1: r.startR[b+1], c0: r.startL[b+1], c1: r.startL[end], swap: true}
}

// rowPairs is the number of pairs row position i yields.
func (g *partGeometry) rowPairs(i int32) int64 {
	if g.tri {
		return int64(g.c1 - i - 1)
	}
	return int64(g.c1 - g.c0)
}

// pairs is the number of pairs of rows [r0, r1).
func (g *partGeometry) pairs(r0, r1 int32) int64 {
	n := int64(r1 - r0)
	if n <= 0 {
		return 0
	}
	if g.tri {
		// sum over i in [r0, r1) of (c1-1-i)
		return n*int64(g.c1-1) - (int64(r0)+int64(r1-1))*n/2
	}
	return n * int64(g.c1-g.c0)
}

// planTasks cuts the work of every rule into tasks of about target pairs,
// in the deterministic output order: rules in order, units in key order,
// rows in order. It also sets c.maxTaskPairs, the most pairs one task can
// yield (before removing the pairs of earlier rules).
func (c *Candidates) planTasks(target int64) []task {
	var ts []task
	c.maxTaskPairs = 0
	for k := range c.rules {
		r := &c.rules[k]
		open := false
		var cur task
		var acc int64
		closeCur := func() {
			if open {
				c.maxTaskPairs = max(c.maxTaskPairs, acc)
				ts = append(ts, cur)
				open = false
				acc = 0
			}
		}
		for b := 0; b < r.numBlocks(); b++ {
			var p int64
			parts := c.numParts(r)
			for pt := 0; pt < parts; pt++ {
				g := c.geometry(r, b, pt)
				p += g.pairs(g.r0, g.r1)
			}
			if p == 0 {
				continue
			}
			if p <= 2*target {
				if !open {
					cur = task{rule: int32(k), b0: int32(b), part: -1}
					open = true
				}
				cur.b1 = int32(b + 1)
				acc += p
				if acc >= target {
					closeCur()
				}
				continue
			}
			closeCur()
			for pt := 0; pt < parts; pt++ {
				g := c.geometry(r, b, pt)
				for i := g.r0; i < g.r1; {
					j := i
					var s int64
					for j < g.r1 && s < target {
						s += g.rowPairs(j)
						j++
					}
					if s > 0 {
						c.maxTaskPairs = max(c.maxTaskPairs, s)
						ts = append(ts, task{rule: int32(k), b0: int32(b), b1: int32(b + 1), part: int32(pt), r0: i, r1: j})
					}
					i = j
				}
			}
		}
		closeCur()
	}
	return ts
}
