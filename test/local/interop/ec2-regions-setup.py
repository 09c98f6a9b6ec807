# boto3 half of the EC2 launch type interop test, for the region in AWS_REGION: an ALB in the VPC the AWS CLI made,
# two EC2 instances registered as container instances, and an EC2 launch type service behind the ALB. Prints JSON.
import boto3, json, os, sys, time

endpoint, region = os.environ["AWS_ENDPOINT_URL"], os.environ["AWS_REGION"]
vpc, subnets, group = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name=region)
elb = boto3.client("elbv2", endpoint_url=endpoint, region_name=region)
ecs = boto3.client("ecs", endpoint_url=endpoint, region_name=region)

lb = elb.create_load_balancer(Name="shop", Subnets=subnets, SecurityGroups=[group], Type="application")["LoadBalancers"][0]
tg = elb.create_target_group(
    Name="shop", Protocol="HTTP", Port=8080, VpcId=vpc, TargetType="ip",
    HealthCheckPath="/health", HealthCheckIntervalSeconds=10, HealthyThresholdCount=2, UnhealthyThresholdCount=10,
)["TargetGroups"][0]
listener = elb.create_listener(
    LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
    DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}],
)["Listeners"][0]

reservation = ec2.run_instances(
    ImageId="ami-0abcdef1234567890", InstanceType="t3.medium", MinCount=2, MaxCount=2, SubnetId=subnets[0],
    SecurityGroupIds=[group], TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "ecs-host"}]}],
)
instance_ids = [i["InstanceId"] for i in reservation["Instances"]]
ec2.get_waiter("instance_running").wait(InstanceIds=instance_ids, WaiterConfig={"Delay": 1, "MaxAttempts": 60})

cluster = ecs.create_cluster(clusterName="shop")["cluster"]
container_instances = [
    ecs.register_container_instance(cluster="shop", instanceIdentityDocument=json.dumps({"instanceId": i, "region": region}))[
        "containerInstance"
    ]
    for i in instance_ids
]
td = ecs.register_task_definition(
    family="shop", networkMode="awsvpc", requiresCompatibilities=["EC2"],
    containerDefinitions=[{"name": "app", "image": "cortado/demo-app:v1", "essential": True, "cpu": 512, "memory": 1024,
                           "portMappings": [{"containerPort": 8080}]}],
)["taskDefinition"]
service = ecs.create_service(
    cluster="shop", serviceName="shop", taskDefinition="shop", desiredCount=2, launchType="EC2",
    networkConfiguration={"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [group]}},
    loadBalancers=[{"targetGroupArn": tg["TargetGroupArn"], "containerName": "app", "containerPort": 8080}],
    healthCheckGracePeriodSeconds=120,
)["service"]
ecs.get_waiter("services_stable").wait(cluster="shop", services=["shop"], WaiterConfig={"Delay": 1, "MaxAttempts": 180})
task_arns = ecs.list_tasks(cluster="shop", serviceName="shop")["taskArns"]
tasks = ecs.describe_tasks(cluster="shop", tasks=task_arns)["tasks"]
described = ecs.describe_container_instances(cluster="shop", containerInstances=[c["containerInstanceArn"] for c in container_instances])
for _ in range(240):
    health = elb.describe_target_health(TargetGroupArn=tg["TargetGroupArn"])["TargetHealthDescriptions"]
    if len(health) == 2 and all(h["TargetHealth"]["State"] == "healthy" for h in health):
        break
    time.sleep(0.5)

# A task too big for what is left on either instance (2048 CPU units each, 512 taken) is refused with RESOURCE:CPU.
ecs.register_task_definition(
    family="big", networkMode="awsvpc", requiresCompatibilities=["EC2"],
    containerDefinitions=[{"name": "app", "image": "cortado/demo-app:v1", "essential": True, "cpu": 2048, "memory": 512}],
)
big = ecs.run_task(cluster="shop", taskDefinition="big", launchType="EC2",
                   networkConfiguration={"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [group]}})

print(json.dumps({
    "arns": [lb["LoadBalancerArn"], tg["TargetGroupArn"], listener["ListenerArn"], cluster["clusterArn"], td["taskDefinitionArn"],
             service["serviceArn"], *[c["containerInstanceArn"] for c in container_instances], *task_arns],
    "lbVpc": lb["VpcId"], "lbZones": sorted(z["ZoneName"] for z in lb["AvailabilityZones"]),
    "instances": instance_ids,
    "tasks": [{"status": t["lastStatus"], "containerInstanceArn": t.get("containerInstanceArn")} for t in tasks],
    "containerInstances": [{"arn": c["containerInstanceArn"], "ec2": c["ec2InstanceId"], "status": c["status"],
                            "registered": {r["name"]: r.get("integerValue") for r in c["registeredResources"] if r["type"] == "INTEGER"},
                            "remaining": {r["name"]: r.get("integerValue") for r in c["remainingResources"] if r["type"] == "INTEGER"},
                            "running": c["runningTasksCount"]} for c in described["containerInstances"]],
    "healthy": sorted(h["TargetHealth"]["State"] for h in health),
    "big": {"tasks": len(big["tasks"]), "reasons": sorted(f["reason"] for f in big["failures"])},
}))
