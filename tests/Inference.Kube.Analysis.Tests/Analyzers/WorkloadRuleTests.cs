using k8s.Models;
using static Inference.Kube.Analysis.Tests.Analyzers.Build;

namespace Inference.Kube.Analysis.Tests.Analyzers;

public sealed class WorkloadRuleTests
{
    private static List<object> ReadinessFailing(TimeSpan lastAgo)
    {
        var objects = Deployment("gw", 1, (p, _) =>
        {
            p.Spec.Containers[0].ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = "8080", Path = "/healthz" } };
            p.Status.ContainerStatuses[0].Ready = lastAgo < TimeSpan.FromMinutes(15) ? false : true;
        });
        objects.Add(Event("Pod", "gw-1-0", "Unhealthy", "Readiness probe failed: Get \"http://10.0.0.9:8080/healthz\": dial tcp 10.0.0.9:8080: connect: connection refused", count: 40, lastAgo: lastAgo));
        return objects;
    }

    [Fact]
    public async Task A_failing_readiness_probe_names_its_target_and_the_container_ports()
    {
        var finding = Assert.Single(await Analyze(ReadinessFailing(TimeSpan.FromSeconds(10))));
        Assert.Equal("probe-failing", finding.Rule);
        Assert.Contains("HTTP GET :8080/healthz", finding.Text, StringComparison.Ordinal);
        Assert.Contains("container ports: 8080 (http)", finding.Text, StringComparison.Ordinal);
        Assert.Contains("connection refused", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_failures_an_hour_ago_on_a_ready_pod_are_history()
    {
        Assert.Empty(await Analyze(ReadinessFailing(TimeSpan.FromHours(1))));
    }

    [Fact]
    public async Task A_stuck_rollout_folds_into_the_finding_that_says_why_the_new_pods_fail()
    {
        var objects = ReadinessFailing(TimeSpan.FromSeconds(10));
        var deployment = objects.OfType<V1Deployment>().Single();
        deployment.Status = new V1DeploymentStatus
        {
            Conditions = [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = "ProgressDeadlineExceeded", Message = "ReplicaSet \"gw-1\" has timed out progressing." }],
        };
        var finding = Assert.Single(await Analyze(objects));
        Assert.Contains("ProgressDeadlineExceeded", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Readiness probe failed", finding.Text, StringComparison.Ordinal);
        Assert.Contains("rollout undo deployment/gw", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_progressing_deployment_is_not_a_problem()
    {
        var objects = Deployment("gw", 2);
        objects.OfType<V1Deployment>().Single().Status = new V1DeploymentStatus
        {
            Conditions = [new V1DeploymentCondition { Type = "Progressing", Status = "True", Reason = "NewReplicaSetAvailable" }],
        };
        Assert.Empty(await Analyze(objects));
    }

    [Theory]
    [InlineData("0 0 30 2 *", true)]
    [InlineData("0 0 31 4,6 *", true)]
    [InlineData("0 0 29 2 *", false)]  // leap years
    [InlineData("0 0 31 * *", false)]
    [InlineData("0 0 30 2 1", false)]  // day-of-week set: fires on Mondays in February
    [InlineData("*/5 * * * *", false)]
    public async Task A_CronJob_on_a_date_that_does_not_exist_never_fires(string schedule, bool fires)
    {
        var cron = new V1CronJob { Metadata = Meta("rebuild"), Spec = new V1CronJobSpec { Schedule = schedule, JobTemplate = new V1JobTemplateSpec() } };
        var findings = await Analyze([cron]);
        Assert.Equal(fires, findings.Any(f => f.Rule == "cronjob-never-fires" && f.Text.Contains(schedule, StringComparison.Ordinal)));
        Assert.Equal(fires ? 1 : 0, findings.Count);
    }

    [Fact]
    public async Task A_suspended_CronJob_is_reported_as_info()
    {
        var cron = new V1CronJob { Metadata = Meta("rebuild"), Spec = new V1CronJobSpec { Schedule = "0 2 * * *", Suspend = true, JobTemplate = new V1JobTemplateSpec() } };
        var finding = Assert.Single(await Analyze([cron]));
        Assert.Equal(("cronjob-suspended", Findings.Severity.Info), (finding.Rule, finding.Severity));
    }

    private static V1Job Job(string name, bool failed, TimeSpan age) => new()
    {
        Metadata = Meta(name, owner: new V1OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = "nightly", Uid = "uid-nightly", Controller = true }) with { CreationTimestamp = Ago(age) },
        Spec = new V1JobSpec { Template = new V1PodTemplateSpec() },
        Status = new V1JobStatus
        {
            Conditions = [new V1JobCondition { Type = failed ? "Failed" : "Complete", Status = "True", Reason = failed ? "BackoffLimitExceeded" : null, Message = failed ? "Job has reached the specified backoff limit" : null }],
        },
    };

    [Fact]
    public async Task The_latest_failed_Job_of_a_CronJob_is_reported_on_the_CronJob()
    {
        var cron = new V1CronJob { Metadata = Meta("nightly"), Spec = new V1CronJobSpec { Schedule = "0 2 * * *", JobTemplate = new V1JobTemplateSpec() } };
        var finding = Assert.Single(await Analyze([cron, Job("nightly-1", failed: false, TimeSpan.FromDays(2)), Job("nightly-2", failed: true, TimeSpan.FromDays(1))]));
        Assert.Equal(("CronJob/app/nightly", "job-failed"), (finding.Object.ToString(), finding.Rule));
        Assert.Contains("BackoffLimitExceeded", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_Job_followed_by_a_successful_one_is_history()
    {
        var cron = new V1CronJob { Metadata = Meta("nightly"), Spec = new V1CronJobSpec { Schedule = "0 2 * * *", JobTemplate = new V1JobTemplateSpec() } };
        Assert.Empty(await Analyze([cron, Job("nightly-1", failed: true, TimeSpan.FromDays(2)), Job("nightly-2", failed: false, TimeSpan.FromDays(1))]));
    }
}
