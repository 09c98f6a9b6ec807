# boto3 setup for the ALB + two ECS services interop test: prints the ARNs and the listener as JSON.
import boto3, json, os, sys

endpoint, region = os.environ["AWS_ENDPOINT_URL"], os.environ["AWS_REGION"]
elb = boto3.client("elbv2", endpoint_url=endpoint, region_name=region)
ecs = boto3.client("ecs", endpoint_url=endpoint, region_name=region)
subnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
network = {"awsvpcConfiguration": {"subnets": subnets, "securityGroups": ["sg-0a1b2c3d4e5f60001"]}}

lb = elb.create_load_balancer(Name="web", Subnets=subnets, Type="application", Scheme="internet-facing")["LoadBalancers"][0]
tgs = {}
for version in ("v1", "v2"):
    tgs[version] = elb.create_target_group(
        Name=f"web-{version}", Protocol="HTTP", Port=8080, VpcId="vpc-0a1b2c3d4e5f60001", TargetType="ip",
        HealthCheckPath="/health", HealthCheckIntervalSeconds=10, HealthCheckTimeoutSeconds=5,
        HealthyThresholdCount=2, UnhealthyThresholdCount=3,
    )["TargetGroups"][0]["TargetGroupArn"]
    elb.modify_target_group_attributes(TargetGroupArn=tgs[version], Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": "10"}])
listener = elb.create_listener(
    LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
    DefaultActions=[{"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": tgs["v1"], "Weight": 100}, {"TargetGroupArn": tgs["v2"], "Weight": 0}]}}],
)["Listeners"][0]

ecs.create_cluster(clusterName="web")
for version in ("v1", "v2"):
    ecs.register_task_definition(
        family=f"web-{version}", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "app", "image": f"cortado/demo-app:{version}", "essential": True, "portMappings": [{"containerPort": 8080}]}],
    )
    ecs.create_service(
        cluster="web", serviceName=f"web-{version}", taskDefinition=f"web-{version}", desiredCount=2, launchType="FARGATE",
        networkConfiguration=network, healthCheckGracePeriodSeconds=60,
        loadBalancers=[{"targetGroupArn": tgs[version], "containerName": "app", "containerPort": 8080}],
        deploymentConfiguration={"minimumHealthyPercent": 100, "maximumPercent": 200},
    )
ecs.get_waiter("services_stable").wait(cluster="web", services=["web-v1", "web-v2"], WaiterConfig={"Delay": 1, "MaxAttempts": 120})
print(json.dumps({"lb": lb["LoadBalancerArn"], "listener": listener["ListenerArn"], "tgs": tgs}))
