// Command abpair compares commands, whole process, in paired rounds: each
// round runs every command once, in an order rotated round by round, and
// the report gives each command's median wall time and CPU time (user and
// system, the child's own) and the median, first and third quartile of
// its per-round ratio to the first command's wall time:
//
//	abpair [-n ROUNDS] [-before SHELL] -- COMMAND ...
//
// Each COMMAND is one argument run by sh -c (quote it whole); -before is
// run, untimed, before every command (say, to remove the output folder a
// batch writes). The benchmark machines are shared: their speed drifts by
// a fifth within the hour, which moves two sets of medians taken minutes
// apart more than most changes do, while a round's commands run under the
// same load. The ratios of a round are what this prints first.
//
//	go run ./bench/abpair -n 16 -before 'rm -rf /tmp/out' -- \
//	    '/tmp/old batch archive -o /tmp/out --force -q -j 2' \
//	    '/tmp/new batch archive -o /tmp/out --force -q -j 2'
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"
)

func main() {
	rounds := flag.Int("n", 10, "rounds (each runs every command once)")
	before := flag.String("before", "", "shell command run, untimed, before every command")
	flag.Parse()
	cmds := flag.Args()
	if len(cmds) == 0 || *rounds < 1 {
		fmt.Fprintln(os.Stderr, "usage: abpair [-n ROUNDS] [-before SHELL] -- COMMAND ...")
		os.Exit(2)
	}
	res, err := measure(cmds, *rounds, *before)
	if err != nil {
		fmt.Fprintln(os.Stderr, "abpair:", err)
		os.Exit(1)
	}
	report(os.Stdout, cmds, res)
}

// run is one command's run: its wall and CPU time.
type run struct{ wall, cpu time.Duration }

// measure runs the rounds and returns each command's runs, by round.
func measure(cmds []string, rounds int, before string) ([][]run, error) {
	res := make([][]run, len(cmds))
	for r := range rounds {
		for k := range cmds {
			i := (k + r) % len(cmds) // rotated, so no command is always first
			if before != "" {
				if out, err := exec.Command("sh", "-c", before).CombinedOutput(); err != nil {
					return nil, fmt.Errorf("-before: %v\n%s", err, out)
				}
			}
			one, err := runOnce(cmds[i])
			if err != nil {
				return nil, err
			}
			res[i] = append(res[i], one)
		}
	}
	return res, nil
}

// runOnce runs cmd through sh -c, its output discarded, and times it.
func runOnce(cmd string) (run, error) {
	c := exec.Command("sh", "-c", cmd)
	c.Stdout, c.Stderr = io.Discard, io.Discard
	start := time.Now()
	if err := c.Run(); err != nil {
		return run{}, fmt.Errorf("%s: %w", cmd, err)
	}
	wall := time.Since(start)
	ru, _ := c.ProcessState.SysUsage().(*syscall.Rusage)
	var cpu time.Duration
	if ru != nil {
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return run{wall: wall, cpu: cpu}, nil
}

// report prints a line per command: median wall and CPU time, and the
// median and quartiles of its wall time's ratio to the first command's in
// the same round.
func report(w io.Writer, cmds []string, res [][]run) {
	for i, cmd := range cmds {
		var walls, cpus, ratios []float64
		for r, one := range res[i] {
			walls = append(walls, ms(one.wall))
			cpus = append(cpus, ms(one.cpu))
			ratios = append(ratios, one.wall.Seconds()/res[0][r].wall.Seconds())
		}
		slices.Sort(ratios)
		fmt.Fprintf(w, "ratio %.3f (%.3f–%.3f)  wall %.1f ms  cpu %.1f ms  %s\n",
			median(ratios), quantile(ratios, 0.25), quantile(ratios, 0.75), median(walls), median(cpus), cmd)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// median is the middle value of xs (the mean of the two middle ones for
// an even count).
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// quantile is the value at q of sorted xs, by the nearest rank below.
func quantile(sorted []float64, q float64) float64 {
	return sorted[int(q*float64(len(sorted)-1))]
}
