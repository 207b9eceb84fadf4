// Package kubernetes_test checks the Kubernetes manifest shipped for
// archive runs against the official API types.
package kubernetes_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// TestJobManifest decodes job.yaml strictly (an unknown or misspelt field
// is an error) into batch/v1 Job and checks that it runs broadsheet batch
// as an Indexed Job with --shard auto, a shard count equal to its
// completions, and the editions and outputs on mounted volumes.
func TestJobManifest(t *testing.T) {
	b, err := os.ReadFile("job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var job batchv1.Job
	if err := yaml.UnmarshalStrict(b, &job); err != nil {
		t.Fatalf("job.yaml is not a valid batch/v1 Job: %v", err)
	}
	if job.APIVersion != "batch/v1" || job.Kind != "Job" {
		t.Errorf("apiVersion %q kind %q", job.APIVersion, job.Kind)
	}
	spec := job.Spec
	if spec.CompletionMode == nil || *spec.CompletionMode != batchv1.IndexedCompletion {
		t.Fatalf("completionMode is %v, want Indexed", spec.CompletionMode)
	}
	if spec.Completions == nil || *spec.Completions < 2 {
		t.Fatalf("completions %v: an Indexed Job of one pod shards nothing", spec.Completions)
	}
	pod := spec.Template.Spec
	if pod.RestartPolicy != corev1.RestartPolicyNever {
		t.Errorf("restartPolicy %q, want Never (podFailurePolicy needs it)", pod.RestartPolicy)
	}
	if len(pod.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(pod.Containers))
	}
	c := pod.Containers[0]
	cmd := strings.Join(append(append([]string{}, c.Command...), c.Args...), " ")
	if !strings.HasPrefix(cmd, "batch ") {
		t.Errorf("the container runs %q, not broadsheet batch", cmd)
	}
	if !strings.Contains(cmd, "--shard=auto") && !strings.Contains(cmd, "--shard auto") {
		t.Errorf("the command %q does not use --shard auto", cmd)
	}
	if !strings.Contains(cmd, "$(JOB_COMPLETION_INDEX)") {
		t.Errorf("the command %q does not give each shard its own report", cmd)
	}
	// The number of shards is the number of completions.
	shards := ""
	for _, e := range c.Env {
		if e.Name == "BROADSHEET_SHARDS" {
			shards = e.Value
		}
	}
	for _, a := range c.Args {
		if v, ok := strings.CutPrefix(a, "--shards="); ok {
			shards = v
		}
	}
	if n, err := strconv.Atoi(shards); err != nil || int32(n) != *spec.Completions {
		t.Errorf("shards %q, completions %d: they must be equal", shards, *spec.Completions)
	}
	// Editions and outputs are on volumes the pod mounts, and every path
	// the command names is under a mount.
	mounts := map[string]corev1.VolumeMount{}
	for _, m := range c.VolumeMounts {
		mounts[m.Name] = m
	}
	vols := map[string]bool{}
	for _, v := range pod.Volumes {
		vols[v.Name] = true
	}
	for _, name := range []string{"editions", "output"} {
		m, ok := mounts[name]
		if !ok || !vols[name] {
			t.Errorf("no %s volume mounted", name)
			continue
		}
		if !strings.Contains(cmd, m.MountPath) {
			t.Errorf("the command %q does not use the %s volume at %s", cmd, name, m.MountPath)
		}
	}
	if !mounts["editions"].ReadOnly || mounts["output"].ReadOnly {
		t.Error("editions should be mounted read-only and output writable")
	}
	// Non-root, as the image is built.
	if sc := pod.SecurityContext; sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot || sc.RunAsUser == nil || *sc.RunAsUser == 0 {
		t.Error("the pod does not run as a non-root user")
	}
}

// TestDockerfile checks what the manifest relies on: a static binary
// (CGO off) in a final image that runs as the same non-root user.
func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	final := text[strings.LastIndex(text, "\nFROM "):]
	if !strings.Contains(text, "CGO_ENABLED=0") {
		t.Error("the binary is not built static (CGO_ENABLED=0)")
	}
	if !strings.Contains(final, "\nUSER 65532:65532") {
		t.Errorf("the final stage does not run as 65532 (the manifest's runAsUser):\n%s", final)
	}
}
