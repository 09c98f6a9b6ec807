# boto3 setup for the CodeDeploy blue/green interop test: an ALB with a production and a test listener on two target
# groups, a CODE_DEPLOY ECS service on the first, and a CodeDeploy application and deployment group. Prints JSON.
import boto3, json, os, sys

endpoint, region = os.environ["AWS_ENDPOINT_URL"], os.environ["AWS_REGION"]
elb = boto3.client("elbv2", endpoint_url=endpoint, region_name=region)
ecs = boto3.client("ecs", endpoint_url=endpoint, region_name=region)
cd = boto3.client("codedeploy", endpoint_url=endpoint, region_name=region)
subnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
network = {"awsvpcConfiguration": {"subnets": subnets, "securityGroups": ["sg-0a1b2c3d4e5f60001"]}}
name = sys.argv[1] if len(sys.argv) > 1 else "bg"
config = sys.argv[2] if len(sys.argv) > 2 else "CodeDeployDefault.ECSCanary10Percent5Minutes"

lb = elb.create_load_balancer(Name=name, Subnets=subnets, Type="application", Scheme="internet-facing")["LoadBalancers"][0]
tgs = {}
for color in ("blue", "green"):
    tgs[color] = elb.create_target_group(
        Name=f"{name}-{color}", Protocol="HTTP", Port=8080, VpcId="vpc-0a1b2c3d4e5f60001", TargetType="ip",
        HealthCheckPath="/health", HealthCheckIntervalSeconds=20, HealthCheckTimeoutSeconds=15,
        HealthyThresholdCount=2, UnhealthyThresholdCount=2,
    )["TargetGroups"][0]["TargetGroupArn"]
    elb.modify_target_group_attributes(TargetGroupArn=tgs[color], Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": "5"}])
listeners = {}
for kind, port in (("prod", 80), ("test", 8080)):
    listeners[kind] = elb.create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=port,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": tgs["blue"]}],
    )["Listeners"][0]["ListenerArn"]

ecs.create_cluster(clusterName=name)
for version, env in (("v1", []), ("v2", []), ("bad", [{"name": "EXIT_CODE", "value": "1"}])):
    ecs.register_task_definition(
        family=f"{name}-{version}", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "app", "image": "cortado/demo-app:latest", "essential": True,
                               "environment": [{"name": "VERSION", "value": version}] + env,
                               "portMappings": [{"containerPort": 8080}]}],
    )
ecs.create_service(
    cluster=name, serviceName=name, taskDefinition=f"{name}-v1", desiredCount=2, launchType="FARGATE",
    networkConfiguration=network, healthCheckGracePeriodSeconds=300, deploymentController={"type": "CODE_DEPLOY"},
    loadBalancers=[{"targetGroupArn": tgs["blue"], "containerName": "app", "containerPort": 8080}],
)
cd.create_application(applicationName=name, computePlatform="ECS")
cd.create_deployment_group(
    applicationName=name, deploymentGroupName=name, serviceRoleArn="arn:aws:iam::000000000000:role/codedeploy",
    deploymentConfigName=config,
    ecsServices=[{"serviceName": name, "clusterName": name}],
    deploymentStyle={"deploymentType": "BLUE_GREEN", "deploymentOption": "WITH_TRAFFIC_CONTROL"},
    blueGreenDeploymentConfiguration={
        "terminateBlueInstancesOnDeploymentSuccess": {"action": "TERMINATE", "terminationWaitTimeInMinutes": 1},
        "deploymentReadyOption": {"actionOnTimeout": "CONTINUE_DEPLOYMENT"},
    },
    autoRollbackConfiguration={"enabled": True, "events": ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_REQUEST"]},
    loadBalancerInfo={"targetGroupPairInfoList": [{
        "targetGroups": [{"name": f"{name}-blue"}, {"name": f"{name}-green"}],
        "prodTrafficRoute": {"listenerArns": [listeners["prod"]]},
        "testTrafficRoute": {"listenerArns": [listeners["test"]]},
    }]},
)
print(json.dumps({"lb": lb["LoadBalancerArn"], "listeners": listeners, "tgs": tgs}))
