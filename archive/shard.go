package archive

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Shard is the part K of N (0 <= K < N) of the inputs that one machine
// renders. The zero Shard (and 0/1) is all of them.
type Shard struct{ K, N int }

// Environment variables read by --shard auto, in the order tried.
const (
	// EnvJobIndex is set by Kubernetes in each pod of an Indexed Job.
	EnvJobIndex = "JOB_COMPLETION_INDEX"
	// EnvSlurmIndex and EnvSlurmMin are set by Slurm in each task of an
	// array job; the index is counted from the array's first id.
	EnvSlurmIndex = "SLURM_ARRAY_TASK_ID"
	EnvSlurmMin   = "SLURM_ARRAY_TASK_MIN"
	EnvSlurmCount = "SLURM_ARRAY_TASK_COUNT"
	// EnvShardIndex and EnvShards are Broadsheet's own, for anything else
	// (a CI matrix, a shell loop).
	EnvShardIndex = "BROADSHEET_SHARD_INDEX"
	EnvShards     = "BROADSHEET_SHARDS"
)

// ParseShard reads a --shard value: "" (everything), "K/N", or "auto". For
// "auto" the index comes from JOB_COMPLETION_INDEX, else from Slurm's
// SLURM_ARRAY_TASK_ID (less SLURM_ARRAY_TASK_MIN), else from
// BROADSHEET_SHARD_INDEX; the count from shards when it is above zero (the
// --shards flag), else BROADSHEET_SHARDS, else SLURM_ARRAY_TASK_COUNT.
// getenv is os.Getenv outside tests.
func ParseShard(spec string, shards int, getenv func(string) string) (Shard, error) {
	switch {
	case spec == "":
		if shards > 0 {
			return Shard{}, fmt.Errorf("--shards is only read with --shard auto")
		}
		return Shard{0, 1}, nil
	case spec == "auto":
		return autoShard(shards, getenv)
	}
	if shards > 0 {
		return Shard{}, fmt.Errorf("--shards is only read with --shard auto")
	}
	ks, ns, ok := strings.Cut(spec, "/")
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("--shard %q: want K/N (e.g. 0/4) or auto", spec)
	}
	return newShard(k, n, "--shard "+spec)
}

func newShard(k, n int, from string) (Shard, error) {
	if n < 1 {
		return Shard{}, fmt.Errorf("%s: the number of shards must be 1 or more", from)
	}
	if k < 0 || k >= n {
		return Shard{}, fmt.Errorf("%s: the shard index must be from 0 to %d", from, n-1)
	}
	return Shard{k, n}, nil
}

func autoShard(shards int, getenv func(string) string) (Shard, error) {
	envInt := func(name string) (int, bool, error) {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			return 0, false, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, true, fmt.Errorf("--shard auto: %s=%q is not a whole number", name, v)
		}
		return n, true, nil
	}
	var k int
	var from string
	if v, ok, err := envInt(EnvJobIndex); err != nil {
		return Shard{}, err
	} else if ok {
		k, from = v, EnvJobIndex
	} else if v, ok, err := envInt(EnvSlurmIndex); err != nil {
		return Shard{}, err
	} else if ok {
		lo, _, err := envInt(EnvSlurmMin)
		if err != nil {
			return Shard{}, err
		}
		k, from = v-lo, EnvSlurmIndex
	} else if v, ok, err := envInt(EnvShardIndex); err != nil {
		return Shard{}, err
	} else if ok {
		k, from = v, EnvShardIndex
	} else {
		return Shard{}, fmt.Errorf("--shard auto: none of %s, %s or %s is set", EnvJobIndex, EnvSlurmIndex, EnvShardIndex)
	}
	n := shards
	if n <= 0 {
		for _, name := range []string{EnvShards, EnvSlurmCount} {
			v, ok, err := envInt(name)
			if err != nil {
				return Shard{}, err
			}
			if ok {
				n = v
				break
			}
		}
	}
	if n <= 0 {
		return Shard{}, fmt.Errorf("--shard auto: give the number of shards with --shards or %s", EnvShards)
	}
	return newShard(k, n, "--shard auto ("+from+")")
}

// String formats the shard as K/N.
func (s Shard) String() string {
	if s.N == 0 {
		return "0/1"
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// Owns reports whether the edition at rel (a Job's Rel) is in this shard:
// the first 8 bytes of the SHA-256 of rel, modulo N, is K. Every machine
// computes the same answer without talking to the others.
func (s Shard) Owns(rel string) bool {
	if s.N <= 1 {
		return true
	}
	h := sha256.Sum256([]byte(rel))
	return binary.BigEndian.Uint64(h[:8])%uint64(s.N) == uint64(s.K)
}

// Select returns the jobs this shard owns, in order.
func (s Shard) Select(jobs []Job) []Job {
	var mine []Job
	for _, j := range jobs {
		if s.Owns(j.Rel) {
			mine = append(mine, j)
		}
	}
	return mine
}
