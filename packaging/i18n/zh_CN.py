"""The Simplified Chinese of every string, by its English source: fills backprop_studio_zh_CN.ts.

Kept as a plain table so a reviewer reads English and Chinese side by side;
``python packaging/i18n/fill.py`` writes it into the ``.ts`` (after
``python -m designer.i18n`` has collected the strings) and compiles the
``.qm``. Qt Linguist can edit the ``.ts`` directly too. The terms follow the
textbook (resources/translations/glossary.tsv, checked by the tests).
"""

ZH_CN = {
    # banners
    "Try again now": "立即重试",
    "Save As…": "另存为…",
    "Training is paused; the network keeps the last weights that were still finite.":
        "训练已暂停；网络保留最后一组仍为有限值的权重。",
    "Learning rate ÷ 10": "学习率 ÷ 10",
    "Reset weights": "重置权重",
    # canvas
    "Build a network": "搭建一个网络",
    "Drag an Input, a Layer and an Output from the palette.\nThen drag from a node's right-hand port to the "
    "next node to connect them.":
        "从组件面板拖入一个输入、一个层和一个输出。\n再从节点右侧的端口拖到下一个节点，把它们连接起来。",
    # main window
    "Opened": "已打开",
    "&New": "新建(&N)",
    "Start an empty network": "新建一个空网络",
    "&Open…": "打开(&O)…",
    "Open a .ffn file": "打开 .ffn 文件",
    "&Save": "保存(&S)",
    "Save the network": "保存网络",
    "Save &As…": "另存为(&A)…",
    "Save the network under a new name": "以新文件名保存网络",
    "&Revert": "还原(&R)",
    "Reload the network as last saved": "重新载入上次保存的网络",
    "Export Diagram as &PNG…": "将网络图导出为 &PNG…",
    "Save a picture of the network": "保存网络的图片",
    "Export Diagram as S&VG…": "将网络图导出为 S&VG…",
    "Save a scalable drawing of the network": "保存网络的矢量图",
    "&Quit": "退出(&Q)",
    "&Undo": "撤销(&U)",
    "&Redo": "重做(&R)",
    "Cu&t": "剪切(&T)",
    "&Copy": "复制(&C)",
    "&Paste": "粘贴(&P)",
    "&Delete": "删除(&D)",
    "Select &All": "全选(&A)",
    "&Type Weight or Bias…": "输入权重或偏置(&T)…",
    "Type the value of the selected edge's weight or unit's bias": "输入所选连接的权重或所选单元的偏置",
    "Restore &Edge": "恢复连接(&E)",
    "Put back the selected removed edge": "恢复所选的已删除连接",
    "Re-&initialise Weights": "重新初始化权重(&I)",
    "Fresh initial weights for the selected nodes (all nodes when none is selected)":
        "为所选节点重新初始化权重（未选择时为所有节点）",
    "&New Random Weights": "新的随机权重(&N)",
    "Draw every weight with the next seed: another start for training": "用下一个随机种子抽取所有权重：换一个训练起点",
    "&History": "历史记录(&H)",
    "Zoom &In": "放大(&I)",
    "Zoom &Out": "缩小(&O)",
    "&Actual Size": "实际大小(&A)",
    "&Fit to Window": "适应窗口(&F)",
    "A&rrange in Columns": "按列排列(&R)",
    "Lay the nodes out in columns by depth": "按深度把节点排成列",
    "&About {0}": "关于 {0}(&A)",
    "About &Qt": "关于 &Qt",
    "&File": "文件(&F)",
    "Open &Example": "打开示例(&E)",
    "Open &Recent": "最近打开(&R)",
    "&Edit": "编辑(&E)",
    "&View": "视图(&V)",
    "&Panels": "面板(&P)",
    "&Theme": "主题(&T)",
    "&Language": "语言(&L)",
    "&Help": "帮助(&H)",
    "Main toolbar": "主工具栏",
    "Training: epoch, step, the last mini-batch's loss, speed": "训练：轮、步、最后一个小批量的损失、速度",
    "1 node": "1 个节点",
    "{0} nodes": "{0} 个节点",
    "1 parameter": "1 个参数",
    "{0} parameters": "{0} 个参数",
    "Empty network": "空网络",
    "Drag an input, layers and an output from the palette.": "从组件面板拖入输入、层和输出。",
    "The network is complete: every node reaches the output.": "网络已完整：每个节点都能到达输出。",
    "New random weights: seed {0}": "新的随机权重：种子 {0}",
    "System language": "跟随系统语言",
    "The language changes when Backprop Studio starts again.": "重新启动 Backprop Studio 后切换语言。",
    "About {0}": "关于 {0}",
    # palette
    "Input": "输入",
    "Neuron": "神经元",
    "Layer": "层",
    "Output": "输出",
    "One unit per feature of the data": "数据的每个特征对应一个单元",
    "A single unit: z = Σ wᵢxᵢ + b, a = f(z)": "单个单元：z = Σ wᵢxᵢ + b，a = f(z)",
    "A group of units sharing one activation": "一组共用一个激活函数的单元",
    "The prediction, with its loss": "预测，以及它的损失函数",
    "Drag onto the canvas, or double-click to add it in the middle of the view":
        "拖到画布上，或双击把它添加到视图中央",
    "Drag onto the canvas, then drag from a node's right port to another node to connect them.":
        "拖到画布上，再从节点右侧的端口拖到另一个节点，把它们连接起来。",
    "units": "单元数",
    "How many units the new layer gets (over 32 it is drawn as a block)": "新层的单元数（超过 32 个时画成一个方块）",
    # panels
    "Palette": "组件",
    "Properties": "属性",
    "History": "历史记录",
    "Training": "训练",
    "Data and boundary": "数据与决策边界",
    "Curves": "曲线",
    "Activations": "活性值",
    "Weights": "权重",
    "Gradients": "梯度",
    "Backprop stepper": "反向传播单步演示",
    "Optimiser race": "优化器比赛",
    "Loss landscape": "损失曲面",
    "Optimiser internals": "优化器内部状态",
    "Activation explorer": "激活函数浏览器",
    "Vanishing gradients": "梯度消失",
    # training
    "Play": "开始",
    "Train until paused": "训练直到暂停",
    "Step batch": "单步（小批量）",
    "Train one mini-batch, then pause": "训练一个小批量，然后暂停",
    "Step epoch": "单步（一轮）",
    "Train to the end of this epoch, then pause": "训练到本轮结束，然后暂停",
    "Reset": "重置",
    "Back to the initial weights for this seed (undoable); starts a new run":
        "回到此种子的初始权重（可撤销）；开始新的一次训练",
    "Pause": "暂停",
    "Pause training": "暂停训练",
    "Speed": "速度",
    "Watchable: one run of the set epochs takes a few seconds, so the boundary visibly forms. Fastest: as fast "
    "as this computer goes. Slower: single steps":
        "可观察：按设定的轮数训练一次约需几秒，可以看到决策边界逐渐形成。最快：以这台计算机的最快速度训练。更慢：逐步观察每一步",
    "Watchable": "可观察",
    "Fastest": "最快",
    "1000 steps/s": "每秒 1000 步",
    "300 steps/s": "每秒 300 步",
    "100 steps/s": "每秒 100 步",
    "30 steps/s": "每秒 30 步",
    "10 steps/s": "每秒 10 步",
    "3 steps/s": "每秒 3 步",
    "1 step/s": "每秒 1 步",
    "Progress towards the number of epochs asked for, and the time left": "距设定轮数的进度，以及剩余时间",
    "Ready": "就绪",
    "Data": "数据",
    "CSV file…": "CSV 文件…",
    "Dataset": "数据集",
    "Your own points (click the data plot to add, right-click to remove)": "你自己画的点（单击数据图添加，右键删除）",
    "Number of points": "点的个数",
    "Noise: 0 is the clean shape, 0.5 makes the classes overlap": "噪声：0 为干净的形状，0.5 使各类重叠",
    "Seed: the same seed draws the same points": "种子：相同的种子生成相同的点",
    "No file chosen": "未选择文件",
    "Choose…": "选择…",
    "Target column": "目标列",
    " % test": " % 测试集",
    "Share of the points held out to test on (never trained on)": "留作测试集的样本比例（从不用于训练）",
    "Standardise inputs": "标准化输入",
    "Split": "划分",
    "Inputs": "输入",
    "Optimiser": "优化器",
    "all (full batch)": "全部（批量梯度下降）",
    "Batch size": "批量大小",
    "λ of the L2 penalty λ/2 ‖W‖² (weight decay); 0 = none": "L2 正则化项 λ/2 ‖W‖² 的 λ（权重衰减）；0 = 不使用",
    "until stopped": "直到停止",
    "Play trains this many epochs, then stops (0: until you pause)": "开始后训练这么多轮，然后停止（0：直到你暂停）",
    "Epochs": "轮数",
    "off": "关闭",
    " epochs": " 轮",
    "Stop early": "提前停止",
    "Two Gaussians": "两个高斯分布",
    "Circles": "同心圆",
    "Moons": "双月",
    "Spiral": "螺旋",
    "Regression surface": "回归曲面",
    "Iris (4 features, 3 classes)": "鸢尾花（4 个特征，3 类）",
    "Digits 8×8 (64 features, 10 classes)": "手写数字 8×8（64 个特征，10 类）",
    "Lecture: linear neuron (x = 1.5, y = 0.8 first)": "讲义：线性神经元（第一个样本 x = 1.5，y = 0.8）",
    "Lecture: sigmoid neuron (x = ±0.5 … ±2)": "讲义：Logistic 神经元（x = ±0.5 … ±2）",
    "Lecture: 3-3-3 network (6 samples, 3 classes)": "讲义：3-3-3 网络（6 个样本，3 类）",
}

ZH_CN.update({
    # status
    "Epoch {0}": "第 {0} 轮",
    "step {0}": "第 {0} 步",
    "batch loss {0}": "小批量损失 {0}",
    "{0} steps/s": "每秒 {0} 步",
    "stopped early, epoch {0}'s weights kept": "已提前停止，保留第 {0} 轮的权重",
    "done": "完成",
    "diverged": "已发散",
    "paused": "已暂停",
    "training loss": "训练集损失",
    "batch loss": "小批量损失",
    "Saved: epoch {0} · step {1}": "已保存：第 {0} 轮 · 第 {1} 步",
    "New network": "新网络",
    "Opened the example {0}": "已打开示例 {0}",
    "Opened {0}": "已打开 {0}",
    "Recovered unsaved work": "已恢复未保存的工作",
    "Ready to train": "可以训练",
    # training dock
    "Shift and scale each input to mean 0 and standard deviation 1 (statistics from the training part only)":
        "平移并缩放每个输入，使其均值为 0、标准差为 1（统计量只取自训练集）",
    "Feed {0} to the network as an input unit": "把 {0} 作为一个输入单元送入网络",
    "Samples per gradient step: 1 = stochastic gradient descent, all = full-batch gradient descent (set 0)":
        "每个梯度下降步的样本数：1 = 随机梯度下降，全部 = 批量梯度下降（设为 0）",
    "Change L2 λ": "修改 L2 λ",
    "Change epochs": "修改轮数",
    "Early stopping: stop once the test loss (the training loss without a test set) has not improved for this "
    "many epochs, and keep the weights of its best epoch (off: train all the epochs)":
        "提前停止：测试集损失（没有测试集时为训练集损失）连续这么多轮没有改进时停止训练，"
        "并保留最好一轮的权重（关闭：训练全部轮数）",
    "Change early stopping": "修改提前停止",
    "Change {0}": "修改 {0}",
    "Use {0}": "使用 {0}",
    "Change batch size": "修改批量大小",
    "Open a CSV file": "打开 CSV 文件",
    "“{0}” was not used.": "未使用“{0}”。",
    "{0} rows, {1} features, ": "{0} 行，{1} 个特征，",
    "{0} classes": "{0} 类",
    "regression": "回归",
    "{0} (in use)": "{0}（正在使用）",
    "No file in use": "未使用文件",
    "epoch {0} of {1}": "第 {0} 轮，共 {1} 轮",
    "{0} left": "还剩 {0}",
    "stopped early at epoch {0} (best: {1})": "在第 {0} 轮提前停止（最好：第 {1} 轮）",
    "{0} epochs done": "{0} 轮已完成",
    "epoch {0}": "第 {0} 轮",
})

ZH_CN.update({
    "noise": "噪声",
    "seed": "种子",
    "learning rate": "学习率",
    "stability": "稳定常数",
    "decay": "衰减率",
    "momentum": "动量",
})

ZH_CN.update({
    # activations panel
    "A fixed batch of training samples (one column of pixels each), or a single sample's values as bars":
        "一个固定的训练样本批次（每个样本一列像素），或单个样本各值的条形图",
    "Bars: each unit's value for the chosen sample. Output: the net input z, the output (p: the probability) "
    "and the error the loss sends back, dL/dz = p − y.":
        "条形：所选样本在每个单元上的值。输出层：净输入 z、输出（p：概率）以及损失函数传回的误差 dL/dz = p − y。",
    "Each column of pixels is one sample of a fixed batch (sorted by class), each row one unit. Orange < 0 < "
    "blue; probabilities: orange = 0, blue = 1. Output: net input z, probability p, error p − y.":
        "每列像素是固定批次中的一个样本（按类别排序），每行是一个单元。橙色 < 0 < 蓝色；"
        "概率：橙色 = 0，蓝色 = 1。输出层：净输入 z、概率 p、误差 p − y。",
    # data and boundary
    "Colour the plane by the network's output, or by one hidden unit's output": "按网络的输出或某个隐藏单元的输出给平面着色",
    "Left-click on the plot adds a point of this class; right-click removes one": "在图上左键单击添加一个该类的点；右键删除一个点",
    "Left-click on the plot adds a point with this target value": "在图上左键单击添加一个具有该目标值的点",
    "Click adds": "单击添加",
    "Colour by": "着色依据",
    "Pick for stepper": "选取给单步演示",
    "On: a click on a point walks that sample in the Backprop stepper (Ctrl+click does so at any time)":
        "开启时：单击一个点即在反向传播单步演示中逐步计算该样本（任何时候按住 Ctrl 单击也可以）",
    "The curves panel shows how well the network fits (R²).": "曲线面板显示网络的拟合程度（R²）。",
    "the network's output": "网络的输出",
    "Grey points: the data (training filled, test ringed); red: the network's output for each input.":
        "灰点：数据（训练集为实心，测试集为空心圆）；红色：网络对每个输入的输出。",
    "Background: the class the network predicts (its colour), paler where it is less sure. Left-click adds a "
    "point, right-click removes one.":
        "背景：网络预测的类别（该类的颜色），越不确定颜色越浅。左键单击添加一个点，右键删除一个点。",
    # curves
    "Horizontal axis: mini-batch steps or epochs (passes over the training set)": "横轴：小批量步数或轮数（遍历训练集的次数）",
    "Log scale": "对数坐标",
    "Loss on a logarithmic scale: shows progress when the loss is already small": "对数坐标显示损失：损失已经很小时也能看出进展",
    "Mini-batch loss": "小批量损失",
    "The loss of each mini-batch (noisy) behind the per-epoch curves": "在每轮曲线后面显示每个小批量的损失（有噪声）",
    "Fit": "适应",
    "Show all of the curves again (after zooming or panning) and follow them": "重新显示全部曲线（缩放或平移之后）并跟随更新",
    "Clear earlier runs": "清除以前的训练",
    "Keep only the current run's curves": "只保留当前这次训练的曲线",
    # gradients
    "Gradient norms span many orders of magnitude when they vanish or explode": "梯度消失或梯度爆炸时，梯度的范数跨越许多数量级",
    # weights
    "Re-initialise all weights": "重新初始化所有权重",
    "Draw every weight afresh from its initialiser (with the seed); undoable": "用各自的初始化方法（和种子）重新抽取所有权重；可撤销",
    "New random weights": "新的随机权重",
    "Draw every weight with the next seed: another start for training (undoable; the seed is saved with the file)":
        "用下一个种子抽取所有权重：换一个训练起点（可撤销；种子随文件保存）",
    "Connection": "连接",
    "Which weights to show (selecting a connection on the canvas picks it too)": "显示哪一组权重（在画布上选中一个连接也可以选择它）",
    # properties
    "Click a node, a unit or a single edge on the canvas to see and change it here. Drag on empty canvas to "
    "select several nodes.":
        "在画布上单击一个节点、单元或单条连接，即可在这里查看和修改。在画布空白处拖动可以选择多个节点。",
    "a name for this node": "此节点的名称",
    "Name": "名称",
    "Changing the units keeps every weight that still fits": "修改单元数时，保留所有仍然适用的权重",
    "Units": "单元数",
    "Activation": "激活函数",
    "each unit adds a bias b": "每个单元加上偏置 b",
    "Bias": "偏置",
    "How fresh weights into this node are drawn": "如何抽取进入此节点的新权重",
    "Initialiser": "初始化方法",
    "Init scale": "初始化尺度",
    "None": "无",
    "Choosing cross-entropy also picks the output activation it needs": "选择交叉熵损失时，也会选择它所需的输出激活函数",
    "Loss": "损失函数",
    "Unit bias": "单元偏置",
    "Re-initialise weights": "重新初始化权重",
    "Fresh weights into this node and its biases (undoable)": "重新初始化进入此节点的权重和它的偏置（可撤销）",
    "Weight": "权重",
    "Restore removed edges": "恢复已删除的连接",
    "Delete connection": "删除连接",
    "Re-initialise their weights": "重新初始化它们的权重",
})

ZH_CN.update({"Features": "特征数"})

ZH_CN.update({
    # plots
    "{0}: data over the network's output": "{0}：数据与网络的输出",
    "{0}: fitted curve": "{0}：拟合曲线",
    "target y": "目标 y",
    "{0}: confusion matrix on the test set": "{0}：测试集上的混淆矩阵",
    "{0}: confusion matrix on the training set": "{0}：训练集上的混淆矩阵",
    "true class": "真实类别",
    "predicted class": "预测类别",
    "{0}: no picture for regression with several inputs": "{0}：多输入的回归问题无法画成图",
    "Loss (risk)": "损失（风险）",
    "loss": "损失",
    "Accuracy": "准确率",
    "accuracy": "准确率",
    "step": "步",
    "epoch": "轮",
    "R² (1 = perfect fit)": "R²（1 = 完全拟合）",
    "Gradient norm ‖∂L/∂W‖ per connection": "每个连接的梯度范数 ‖∂L/∂W‖",
    "norm": "范数",
    "Units passing almost no gradient (probe batch)": "几乎不传递梯度的单元（探测批次）",
    "Weights W": "权重 W",
    "receiving unit": "接收单元",
    "sending unit": "发送单元",
    "Change since last look ΔW": "上次查看以来的变化 ΔW",
    "Histogram of the weights": "权重直方图",
    "count": "个数",
    "weight": "权重",
})

ZH_CN.update({
    # activation explorer
    "The plot shows x from −range to +range": "图中 x 的范围为 −范围 到 +范围",
    "Shade where |f′(x)| is below this: the saturated, flat regions": "在 |f′(x)| 小于此值处加阴影：即饱和的平坦区域",
    "pre-activations of the selected layer": "所选层的净输入",
    "Use for selected layer": "用于所选层",
    "saturated where |f′| <": "饱和：|f′| <",
    "x range ±": "x 范围 ±",
    # internals
    "Select rows to compare (Ctrl/Shift-click); the current row is shaded and explained.":
        "选择要比较的行（Ctrl/Shift 单击）；当前行带阴影并有说明。",
    "Draw each hidden unit as a small picture of its output over the input plane (2-D data); click a unit to see "
    "it large":
        "把每个隐藏单元画成它在输入平面上的输出小图（二维数据）；单击一个单元可放大查看",
    "No optimiser yet.": "还没有优化器。",
    "From the network": "取自网络",
    "The document's optimiser at the current weights, with the gradient of the whole training set":
        "文档中的优化器在当前权重处的状态，以及整个训练集的梯度",
    " steps": " 步",
    "Warm up": "预热",
    "Train a copy of the network for this many steps first, so the optimiser's state has a history (the "
    "document is not changed)":
        "先用网络的副本训练这么多步，让优化器的状态有一段历史（文档不会改变）",
    "Colour edges by": "连接着色依据",
    "The network changed: press From the network or Warm up.": "网络已改变：请按“取自网络”或“预热”。",
    "No network.": "没有网络。",
    # landscape
    "The lecture's network y = σ(w₂ σ(w₁ x))": "讲义中的网络 y = σ(w₂ σ(w₁ x))",
    "This network (two edges or two random directions)": "这个网络（两条连接或两个随机方向）",
    "Where every optimiser starts; or click a plot": "所有优化器的起点；也可以单击图",
    "The plots show w₁ and w₂ from −span to +span": "图中 w₁ 和 w₂ 的范围为 −跨度 到 +跨度",
    "Start": "起点",
    "Span ±": "跨度 ±",
    "GD and SGD use plain steps; Momentum and the adaptive methods use every example per step, so only their "
    "update rules differ. Click a plot to start everyone there.":
        "梯度下降和随机梯度下降使用普通的步长；动量法和自适应学习率方法每步使用全部样本，"
        "因此它们只在更新规则上不同。单击图，让所有优化器从那里开始。",
    "two edges": "两条连接",
    "two random directions (filter-normalised)": "两个随机方向（按滤波器归一化）",
    "The connection the edge belongs to": "该连接所属的连接组",
    "Unit i of the connection's source (counting from 0)": "连接起点的第 i 个单元（从 0 开始计数）",
    "Unit j of the connection's target (counting from 0)": "连接终点的第 j 个单元（从 0 开始计数）",
    "from unit": "从单元",
    "to unit": "到单元",
    "Seed of the two random directions": "两个随机方向的种子",
    "Half-width of the picture: in weight values along edges, in multiples of the weights' norm along random "
    "directions":
        "图的半宽：沿连接方向以权重为单位，沿随机方向以权重范数的倍数为单位",
    "Grid points per side (each is one loss evaluation on the training set)": "每边的网格点数（每个点在训练集上计算一次损失）",
    "m, the mini-batch size of the mini-batch lanes": "m，小批量赛道的批量大小",
    "Compute": "计算",
    "Axes": "坐标轴",
    "Random seed": "随机种子",
    "Grid": "网格",
    "Mini-batch size m": "小批量大小 m",
    "Every optimiser trains all weights from the current point; its path is projected on the plane of the "
    "picture, whose surface holds every other weight fixed.":
        "每个优化器从当前点训练所有权重；它的路径投影到图所在的平面上，图中的曲面固定其他所有权重。",
    "Updates each optimiser makes": "每个优化器更新的次数",
    "Landscape": "损失曲面",
    "Steps": "步数",
    "Computing…": "正在计算…",
    "Choose two edges or random directions, then Compute.": "选择两条连接或两个随机方向，然后按“计算”。",
    "<b>Neither surface is convex.</b> Squared error has flat plateaus where the output neuron saturates "
    "(σ′ ≈ 0): plain gradient steps crawl there, while the adaptive methods divide by √r and keep moving. "
    "Cross-entropy's output gradient ŷ − y does not vanish when the output is confidently wrong. ★ start, "
    "● end.":
        "<b>两个曲面都不是凸的。</b>平方误差在输出神经元饱和（σ′ ≈ 0）处有平坦的高原：普通的梯度下降在那里"
        "走得很慢，而自适应学习率方法除以 √r 后仍能前进。交叉熵的输出梯度 ŷ − y 在输出错得很自信时不会消失。"
        "★ 起点，● 终点。",
    "The loss of this network on its training set, around the current weights (centre). ★ start, ● end of "
    "each optimiser's run, projected on the picture's plane.":
        "这个网络在其训练集上的损失，以当前权重为中心。★ 起点，● 每个优化器的终点，投影到图所在的平面上。",
    # race
    "Optimisers (tick to race)": "优化器（勾选参赛）",
    "All lanes start from the network's current weights and draw the same shuffled examples; lanes with the "
    "same batch size see identical mini-batches.":
        "所有赛道都从网络的当前权重出发，抽取同样打乱顺序的样本；批量大小相同的赛道看到完全相同的小批量。",
    "m, the mini-batch size of the mini-batch lanes (GD uses every example, SGD one)":
        "m，小批量赛道的批量大小（梯度下降使用全部样本，随机梯度下降使用一个）",
    "Updates each lane makes": "每个赛道更新的次数",
    "Seed of the shuffling: the order of the examples, the same for every lane": "打乱顺序的种子：样本的顺序，对每个赛道都相同",
    "The table counts the steps until the whole training-set loss first falls to this value":
        "表中统计整个训练集的损失第一次降到此值所用的步数",
    "log scale": "对数坐标",
    "mini-batch losses": "小批量损失",
    "Also draw each step's mini-batch loss, faint: the noise SGD lives with": "同时淡淡地画出每一步的小批量损失：随机梯度下降所带的噪声",
    "Slow the race down to watch it in a lecture": "放慢比赛，便于课堂观看",
    "Steps per lane": "每个赛道的步数",
    "Shuffle seed": "打乱顺序的种子",
    "Target loss": "目标损失",
    "Pace": "节奏",
    "Race": "比赛",
    "No network": "没有网络",
    "▶ Run race": "▶ 开始比赛",
    "Build a new race from the current weights and run it": "从当前权重建立新的比赛并运行",
    "Clear": "清除",
    "Loss on the whole training set": "整个训练集上的损失",
    "x axis:": "横轴：",
    "The network or data changed: Run to race the new one.": "网络或数据已改变：按“开始比赛”重新比赛。",
    "No network to race.": "没有可比赛的网络。",
    "Tick at least one optimiser.": "请至少勾选一个优化器。",
    "Resume": "继续",
    # stepper
    "The selected unit's elementary operations, as in the lecture's figure: each box's value (forward) and "
    "gradient (backward); the local derivative on each arrow":
        "所选单元的基本运算，如讲义中的图：每个方框的值（前向）和梯度（反向）；每个箭头上是局部导数",
    "Walk a row of the training set, or values you type": "逐步计算训练集中的一行，或你输入的值",
    "Which row (0-based) of the training or test set to walk": "要逐步计算的训练集或测试集的行（从 0 开始）",
    "training set": "训练集",
    "test set": "测试集",
    "Walk a row of the training set or of the held-out test set": "逐步计算训练集或留出的测试集中的一行",
    "Random": "随机",
    "Pick a random training-set row": "随机选取训练集中的一行",
    "input, e.g. 1, 0.5, −1": "输入，例如 1, 0.5, −1",
    "target, e.g. 1, 0, 0 (empty: ∂ŷ/∂ŷ = 1)": "目标，例如 1, 0, 0（留空：∂ŷ/∂ŷ = 1）",
    "Start walk": "开始逐步计算",
    "Take a fresh snapshot of the network and walk this sample": "取网络的新快照，并逐步计算这个样本",
    "Sample:": "样本：",
    "row": "行",
    "of the": "，数据来自",
    "Zoom:": "层级：",
    "The unit the scalar level expands into its elementary graph": "在标量层级中展开为基本计算图的单元",
    "Every step of the walk: drag to go anywhere": "逐步计算的每一步：拖动可以跳到任意一步",
    "The dataset's samples (training rows, then test rows): select one to walk it. A click on a point of the "
    "Data-and-boundary plot picks it too.":
        "数据集的样本（先是训练集的行，然后是测试集的行）：选择一个即可逐步计算。在“数据与决策边界”图上单击一个点也可以选取它。",
    "Update applied (Edit ▸ Undo restores the weights). This walk is the same sample on the new weights.":
        "已应用更新（编辑 ▸ 撤销可恢复权重）。现在逐步计算的是同一个样本在新权重上的结果。",
    "no walk": "未在逐步计算",
    "Apply update": "应用更新",
    "Write the new values into the network (one step in Edit ▸ Undo)": "把新值写入网络（在编辑 ▸ 撤销中为一步）",
    # vanishing
    "Multiplies every initial weight: too small → vanishing, too large → exploding": "乘以每个初始权重：太小 → 梯度消失，太大 → 梯度爆炸",
    "Compare: logistic + small init  vs  ReLU + He init": "比较：Logistic + 小初始值  对比  ReLU + He 初始化",
    "The same depth twice: logistic units with weights uniform in ±0.1, and ReLU units with He initialisation":
        "同样的深度做两次：权重在 ±0.1 内均匀分布的 Logistic 单元，以及 He 初始化的 ReLU 单元",
    "ε of plain SGD for the short training run": "短时训练所用的普通随机梯度下降的 ε",
    "Train": "训练",
    "Train a copy of this stack with SGD and watch each layer's gradient": "用随机梯度下降训练这个网络的副本，观察每一层的梯度",
    "Hidden layers": "隐藏层数",
    "Units per layer": "每层单元数",
    "Initialisation": "初始化",
    "Initial weight scale": "初始权重尺度",
    "Deep stack": "深层网络",
    "SGD steps": "随机梯度下降步数",
    "Learning rate ε": "学习率 ε",
    "Short training run": "短时训练",
    "Backpropagation multiplies the error by f′(z) and by the weights at every layer. The logistic derivative "
    "is at most 0.25 (tanh's at most 1), so with small weights the gradient shrinks layer after layer: the "
    "lower layers hardly learn. Large initial weights make it grow instead (exploding gradients).":
        "反向传播在每一层都把误差乘以 f′(z) 和权重。Logistic 函数的导数最大为 0.25（tanh 的最大为 1），"
        "所以权重较小时梯度逐层缩小：低层几乎学不到东西。初始权重较大时梯度反而逐层增大（梯度爆炸）。",
    "During training: press Train": "训练过程：请按“训练”",
})

ZH_CN.update({
    "Network: {0} nodes, {1} connections, {2} trainable parameters; initial weights from seed {3}.":
        "网络：{0} 个节点，{1} 组连接，{2} 个可训练参数；初始权重来自种子 {3}。",
    "1 weight comes in": "输入 1 个权重",
    "{0} weights come in": "输入 {0} 个权重",
    "none (the data's features)": "无（数据的特征）",
    "1 bias": "1 个偏置",
    "{0} biases": "{0} 个偏置",
    "Parameters: {0}.": "参数：{0}。",
})

ZH_CN.update({
    # examples (core/examples.py)
    "The lecture's linear neuron y = wx + b (w = 0.8, b = 0.2), squared error: x = 1.5, y = 0.8 gives L = "
    "0.18, dL/dw = 0.9, dL/db = 0.6.":
        "讲义中的线性神经元 y = wx + b（w = 0.8，b = 0.2），平方误差：x = 1.5，y = 0.8 时 L = 0.18，"
        "dL/dw = 0.9，dL/db = 0.6。",
    "One logistic neuron f = σ(wx + b) with w = 0, b = 0: the lecture's computation graph h1..h6, where df/dw "
    "= 0.25 at x = 1.":
        "一个 Logistic 神经元 f = σ(wx + b)，w = 0，b = 0：讲义中的计算图 h1..h6，x = 1 时 df/dw = 0.25。",
    "The lecture's 3-3-3 network: inputs 1-3, logistic hidden units 4-6 and outputs 7-9, squared error; follow "
    "dL/dw47 and dL/dw14 step by step.":
        "讲义中的 3-3-3 网络：输入 1-3，Logistic 隐藏单元 4-6，输出 7-9，平方误差；逐步跟踪 dL/dw47 和 dL/dw14。",
    "XOR: no straight line separates it, four tanh hidden units bend the boundary (2-4-1, binary cross-entropy).":
        "异或（XOR）：没有一条直线能把它分开，四个 tanh 隐藏单元把决策边界弯曲（2-4-1，二分类交叉熵）。",
    "Two interleaved spirals: the hardest toy set, learned by two tanh layers of 16 (2-16-16-1).":
        "两条交错的螺旋：最难的玩具数据集，由两层各 16 个单元的 tanh 层学会（2-16-16-1）。",
    "Handwritten 8x8 digits, standardised: 64 inputs, 32 tanh units, 10 softmax outputs with cross-entropy; "
    "about 96% on the test set in a second.":
        "8×8 手写数字，已标准化：64 个输入，32 个 tanh 单元，10 个 softmax 输出，交叉熵损失；"
        "约一秒内在测试集上达到约 96% 的准确率。",
})

ZH_CN.update({
    # stepper
    "FORWARD": "前向",
    "LOSS": "损失",
    "BACKWARD": "反向",
    "UPDATE": "更新",
    "Op": "运算",
    "Scalar": "标量",
    "Dataset row": "数据集中的行",
    "Typed values": "输入的值",
    "Back to the start: nothing computed": "回到开头：什么都还没计算",
    "◀ Step back": "◀ 后退一步",
    "Undo the last step of the walk": "撤销逐步计算的最后一步",
    "Step forward ▶": "前进一步 ▶",
    "Compute the next step": "计算下一步",
    "Run to end of forward pass": "运行到前向传播结束",
    "Compute every value up to the loss": "计算到损失函数为止的所有值",
    "Run to end": "运行到结束",
    "Compute every step, the backward pass and the update preview": "计算所有步骤、反向传播和参数更新预览",
    "Apply update…": "应用更新…",
    "Show each parameter's update w ← w − ε ∂L/∂w by the current optimiser's rule, then apply it (one undo step)":
        "按当前优化器的规则显示每个参数的更新 w ← w − ε ∂L/∂w，然后应用（撤销中为一步）",
    "No walk yet: fix the sample above, then press Start walk.": "还没有逐步计算：请先修正上面的样本，再按“开始逐步计算”。",
    "{0} level": "{0}层级",
    "Nothing computed yet. Press <b>Step forward</b> ({0}) to compute the first value.":
        "还没有计算任何值。按<b>前进一步</b>（{0}）计算第一个值。",
    "step {0} of {1}": "第 {0} 步，共 {1} 步",
})

ZH_CN.update({
    "class {0}": "类别 {0}",
    "test": "测试集",
    "mini-batch": "小批量",
    "network's output": "网络的输出",
    "Background: the network's probability of class {1}: orange = class {0}, blue = class {1}, white = "
    "undecided (the boundary). Left-click adds a point, right-click removes one.":
        "背景：网络判为类别 {1} 的概率：橙色 = 类别 {0}，蓝色 = 类别 {1}，白色 = 难以判定（即决策边界）。"
        "左键单击添加一个点，右键删除一个点。",
    "1 input": "1 个输入",
    "{0} inputs": "{0} 个输入",
    "neuron": "神经元",
    "no loss": "无损失函数",
    "per step": "按步",
    "per epoch": "按轮",
    "Solid: training set · dashed: test set · faint: each mini-batch. Each colour is one run, labelled with "
    "its optimiser and learning rate ε.":
        "实线：训练集 · 虚线：测试集 · 淡色：每个小批量。每种颜色是一次训练，标有它的优化器和学习率 ε。",
})

ZH_CN.update({"Click picks a sample for the stepper": "单击选取一个样本给单步演示"})

ZH_CN.update({
    # stepper tables
    "set": "集合",
    "inputs x": "输入 x",
    "target": "目标",
    "Row number within its part (training or test)": "在所属部分（训练集或测试集）中的行号",
    "train: a training row; test: a held-out test row": "train：训练集的一行；test：留出的测试集的一行",
    "The inputs the network sees (after derived features and standardising)": "网络看到的输入（经过派生特征和标准化之后）",
    "The class, or the target value": "类别，或目标值",
    "Phase": "阶段",
    "Where": "位置",
    "Formula": "公式",
    "With numbers": "代入数值",
    "Local": "局部导数",
    "Upstream": "上游梯度",
    "Product": "乘积",
    "The local derivative of this step's op": "这一步运算的局部导数",
    "The gradient arriving from above (∂L/∂ of the op's output)": "从上游传来的梯度（损失对该运算输出的 ∂L/∂）",
    "local × upstream: the chain rule's product": "局部导数 × 上游梯度：链式法则中的乘积",
})

# properties pages (edge, connection, several nodes, names)
ZH_CN.update({
    "{0} × {1} = {2} edges": "{0} × {1} = {2} 条连接",
    ", {0} removed": "，已删除 {0} 条",
    "Weights from {0} to {1}, mean |w| = {2}": "权重从 {0} 到 {1}，平均 |w| = {2}",
    "Click a single edge to see or type its weight.": "单击一条连接，查看或输入它的权重。",
    "The weight of this edge (Enter to set; arrows step by 0.1)": "这条连接的权重（按 Enter 设定；箭头每次改变 0.1）",
    "Edge {0} [{1}] → {2} [{3}]": "连接 {0} [{1}] → {2} [{3}]",
    "From unit {0} of {1} to unit {2} of {3}: the weight W[{2}, {0}] of connection {4}.":
        "从 {1} 的单元 {0} 到 {3} 的单元 {2}：连接组 {4} 的权重 W[{2}, {0}]。",
    "removed: this edge is not part of the network": "已删除：这条连接不属于网络",
    "exactly {0}": "精确值 {0}",
    "Restore edge": "恢复连接",
    "Remove edge": "删除连接",
    "Put this single edge back (Insert)": "恢复这一条连接（Insert）",
    "Take this single edge out of the network (Delete)": "从网络中删除这一条连接（Delete）",
    "Nothing selected": "未选中任何对象",
    "{0} nodes selected": "已选中 {0} 个节点",
    "Drag one of them to move them all; Delete removes them.": "拖动其中一个即可一起移动；按 Delete 删除它们。",
    "Multiplies the spread of the initialiser (the bound a for Uniform)": "乘以初始化的分布宽度（均匀分布时为界 a）",
    "The bias of the selected unit (Enter to set)": "所选单元的偏置（按 Enter 设定）",
    "Bias of unit {0}": "单元 {0} 的偏置",
    "{0} needs a {1} output: the loss is now squared error": "{0}需要 {1} 输出：损失函数已改为平方误差",
    "The {0} loss needs a {1} output: activation set to {1}": "{0}损失需要 {1} 输出：激活函数已设为 {1}",
    "Xavier (Glorot) uniform": "Xavier (Glorot) 均匀分布",
    "Xavier (Glorot) normal": "Xavier (Glorot) 正态分布",
    "He normal": "He 正态分布",
    "He uniform": "He 均匀分布",
    "LeCun normal": "LeCun 正态分布",
    "LeCun uniform": "LeCun 均匀分布",
    "Uniform U(−a, a)": "均匀分布 U(−a, a)",
    "Zeros": "全零",
    "γ (slope for x < 0)": "γ（x < 0 时的斜率）",
    "γ (start value, learned)": "γ（初始值，可学习）",
    "γ (scale for x < 0)": "γ（x < 0 时的缩放）",
    "Squared error": "平方误差",
    "Softmax cross-entropy": "Softmax 交叉熵",
    "Binary cross-entropy": "二元交叉熵",
})

# data and boundary panel: drawn points, why nothing is plotted, notes
ZH_CN.update({
    "Add a point of class {0}": "添加一个类别 {0} 的点",
    "Add a point": "添加一个点",
    "Remove a point": "删除一个点",
    "Build a network first: the data and its decision boundary show here once it can train.":
        "请先搭建网络：网络可以训练后，这里显示数据及其决策边界。",
    "(+{0} more)": "（另有 {0} 条）",
    "The network cannot train yet, so there is nothing to plot:": "网络还不能训练，因此没有可画的内容：",
    "Nothing to plot: {0}": "没有可画的内容：{0}",
    "Rows: the true class, columns: the class the network predicts. {0} of {1} right ({2}); off the diagonal: "
    "mistakes.": "行：真实类别；列：网络预测的类别。{1} 个中对了 {0} 个（{2}）；对角线以外是错误。",
    "{0}, unit {1}": "{0}，单元 {1}",
    "{0}, unit {1} ({2}): its output at each point of the plane, from {3} (orange) to {4} (blue).":
        "{0}，单元 {1}（{2}）：它在平面上每一点的输出，从 {3}（橙色）到 {4}（蓝色）。",
    "Background: the network's output, orange = {0}, blue = {1}; points coloured by their target on the same scale.":
        "背景：网络的输出，橙色 = {0}，蓝色 = {1}；点按其目标值以同一色标着色。",
    # the job runner's controls
    "Cancel": "取消",
    "Stop this computation": "停止这项计算",
})

# undo entries (the History dock, Edit ▸ Undo's tooltip), the activations panel, banners, menus
ZH_CN.update({
    "Probe batch (heat-map)": "探测批次（热图）",
    "One sample (bars)": "单个样本（条形图）",
    "sample ": "样本 ",
    "target {0}": "目标 {0}",
    "of {0} · {1}": "共 {0} 个 · {1}",
    "{0} training samples": "{0} 个训练样本",
    "{0}. Trying again every {1} s until it works.": "{0}。每 {1} 秒重试一次，直到成功。",
    "Move {0}": "移动 {0}",
    "Move {0} nodes": "移动 {0} 个节点",
    "Auto-layout": "自动布局",
    "Add {0}": "添加 {0}",
    "Remove {0}": "删除 {0}",
    "Connect {0} → {1}": "连接 {0} → {1}",
    "Add connection": "添加连接组",
    "Disconnect {0} → {1}": "断开 {0} → {1}",
    "Restore edge {0}[{1}] → {2}[{3}]": "恢复连接 {0}[{1}] → {2}[{3}]",
    "Remove edge {0}[{1}] → {2}[{3}]": "删除连接 {0}[{1}] → {2}[{3}]",
    "a connection": "一个连接组",
    "{0} connections": "{0} 个连接组",
    "an edge": "一条连接",
    "{0} edges": "{0} 条连接",
    "Delete {0}": "删除 {0}",
    " and ": " 和 ",
    "Restore {0} edges {1} → {2}": "恢复 {1} → {2} 的 {0} 条连接",
    "Set weight {0}[{1}] → {2}[{3}] = {4}": "设定权重 {0}[{1}] → {2}[{3}] = {4}",
    "Set bias {0}[{1}] = {2}": "设定偏置 {0}[{1}] = {2}",
    "Change {0} of {1}": "更改 {1} 的{0}",
    "Re-initialise {0}": "重新初始化 {0}",
    "Re-initialise {0} nodes": "重新初始化 {0} 个节点",
    "New random weights (seed {0})": "新的随机权重（种子 {0}）",
    "Train 1 step (epoch {1} → {2})": "训练 1 步（第 {1} 轮 → 第 {2} 轮）",
    "Train {0} steps (epoch {1} → {2})": "训练 {0} 步（第 {1} 轮 → 第 {2} 轮）",
    "<b>Training diverged</b> at step {0} (epoch {1}).": "<b>训练发散</b>于第 {0} 步（第 {1} 轮）。",
    "<b>What helps:</b> {0}": "<b>可以这样做：</b>{0}",
    "Zoom (Ctrl+1: actual size, Ctrl+0: fit to window)": "缩放（Ctrl+1：实际大小，Ctrl+0：适合窗口）",
    "Delete the selection (a selected edge is removed)": "删除所选内容（所选连接会被移除）",
    "(no examples installed)": "（未安装示例）",
    "{0} (not found)": "{0}（未找到）",
    "(none yet)": "（暂无）",
    "&Clear Menu": "清空菜单(&C)",
    "Undo {0}": "撤销 {0}",
    "Undo": "撤销",
    "Redo {0}": "重做 {0}",
    "Redo": "重做",
    "name": "名称",
    "units": "单元数",
    "activation": "激活函数",
    "activation parameter": "激活函数参数",
    "bias": "偏置",
    "initialiser": "初始化方法",
    "initial scale": "初始化缩放",
    "loss": "损失函数",
    "kind": "类型",
    "properties": "属性",
    # the lab's jobs
    "Cancelled.": "已取消。",
    "Cancelled at step {0} of {1}.": "已在第 {0} 步（共 {1} 步）取消。",
    "The race stopped: {0}": "竞赛已停止：{0}",
})

# the Lessons panel (designer/lessons), Help > Lessons
ZH_CN.update({
    "Your prediction, e.g. 0.25": "你的预测，例如 0.25",
    "Check": "检查",
    "Hint": "提示",
    "Show answer": "显示答案",
    "Check my network": "检查我的网络",
    "The engine cannot answer this here: {0}": "程序在这里无法计算这个问题：{0}",
    "Type a number first.": "请先输入一个数。",
    "{0} is not a number.": "{0} 不是一个数。",
    "Right: the engine computes {0}.": "正确：程序计算得到 {0}。",
    "Not quite: {0} is off by more than {1}.": "不太对：{0} 的误差超过 {1}。",
    "Reached after {0} steps from here.": "从这里出发，{0} 步后达到。",
    "Not reached within {0} steps from here with these settings.": "使用这些设置，从这里出发 {0} 步内未能达到。",
    "Choose an answer first.": "请先选择一个答案。",
    "Right.": "正确。",
    " Try again, or take a hint.": " 再试一次，或者看看提示。",
    "Not quite.": "不太对。",
    "The answer: {0}": "答案：{0}",
    "No such file: {0}": "没有这个文件：{0}",
    "The network was not opened.": "网络没有打开。",
    "No panel called {0}": "没有名为 {0} 的面板",
    "Lesson: training settings": "课程：训练设置",
    "The stepper could not start this walk.": "步进器无法开始这次逐步计算。",
    "Open lesson…": "打开课程…",
    "Open a lesson file (.md) from disk; you can also drop one here":
        "从磁盘打开课程文件（.md）；也可以把文件拖放到这里",
    "The language of the lesson's text": "课程文字的语言",
    "{0} pt": "{0} 磅",
    "Text size (larger for a projector)": "文字大小（投影时调大）",
    "◀ Back": "◀ 上一步",
    "Restart step": "重做这一步",
    "Do this step's actions again (reopening its network) and clear its answer":
        "重新执行这一步的操作（重新打开它的网络），并清除答案",
    "Next ▶": "下一步 ▶",
    "Lessons": "课程",
    "The lecture, step by step. Choose a lesson above: each step shows the network and the panel it talks "
    "about and ends with a question the program checks.\n\nOpen your own lesson with **Open lesson…** or "
    "drop a lesson file here.":
        "逐步学习讲义。在上方选择一节课程：每一步都会显示它讲到的网络和面板，并以一个由程序检查的问题结束。"
        "\n\n用 **打开课程…** 打开你自己的课程，或把课程文件拖放到这里。",
    "Open lesson": "打开课程",
    "Lessons (*.md);;All files (*)": "课程 (*.md);;所有文件 (*)",
    "Line {0}: {1}: {2}": "第 {0} 行：{1}：{2}",
    "Step {0} of {1}": "第 {0} 步，共 {1} 步",
    "&Lessons": "课程(&L)",
    "The course: the lecture step by step, with questions the program checks":
        "课程：逐步学习讲义，并回答由程序检查的问题",
})

# activation names (core.activations, context "Activations")
ZH_CN.update({
    "Identity (linear)": "恒等函数（线性）",
    "Logistic (sigmoid)": "Logistic 函数（sigmoid）",
    "Tanh": "Tanh 函数",
    "PReLU (learned γᵢ)": "PReLU（可学习的 γᵢ）",
    "GELU (tanh approx.)": "GELU（tanh 近似）",
    "GELU (logistic approx.)": "GELU（Logistic 近似）",
})

# the Lessons panel's lesson list
ZH_CN.update({
    "Choose a lesson…": "选择一节课程…",
    "The lessons, with the checks you passed in each": "各节课程，以及每节中你已通过的检查",
})

# exporting plots, data, the training history and the network (designer/plot_export.py, designer/export_menu.py)
ZH_CN.update({
    "Export plot…": "导出图表…",
    "Save this plot as a PNG picture or an SVG drawing": "将此图表保存为 PNG 图片或 SVG 矢量图",
    "Export data as CSV…": "将数据导出为 CSV…",
    "Save the plotted values as a table for a spreadsheet": "将图中的数值保存为表格，可用电子表格打开",
    "Export plot": "导出图表",
    "Export data as CSV": "将数据导出为 CSV",
    "Exported {0}": "已导出 {0}",
    "PNG image (*.png)": "PNG 图片 (*.png)",
    "SVG drawing (*.svg)": "SVG 矢量图 (*.svg)",
    "CSV table (*.csv)": "CSV 表格 (*.csv)",
    "Python file (*.py)": "Python 文件 (*.py)",
    "ONNX model (*.onnx)": "ONNX 模型 (*.onnx)",
    "Cannot export": "无法导出",
    "“{0}” could not be written: {1}": "无法写入“{0}”：{1}",
    "the picture could not be encoded": "无法编码图片",
    "&Export": "导出(&E)",
    "Network as &NumPy…": "将网络导出为 &NumPy…",
    "Network as &PyTorch…": "将网络导出为 &PyTorch…",
    "Network as &ONNX…": "将网络导出为 &ONNX…",
    "Training &History as CSV…": "将训练历史导出为 CSV(&H)…",
    "Every run's loss per step and scores per epoch, as a table": "每次运行每一步的损失和每一轮的得分，保存为表格",
    "&Plots": "图表(&P)",
    "ONNX is not installed": "未安装 ONNX",
    "Exporting to ONNX needs the onnx package, which is not installed. Install it with\n\n{0}\n\n"
    "then start Backprop Studio again.":
        "导出为 ONNX 需要 onnx 软件包，但它尚未安装。请用以下命令安装：\n\n{0}\n\n然后重新启动 Backprop Studio。",
    "Export network": "导出网络",
    "No training history": "没有训练历史",
    "Nothing has been trained yet: there is no history to export.": "尚未进行任何训练：没有可导出的历史。",
    "Export training history": "导出训练历史",
    "run": "运行",
    "optimiser and learning rate": "优化器和学习率",
    "epoch (on the step that ends it)": "轮（记在该轮的最后一步）",
    "mini-batch loss": "小批量损失",
    "training {0}": "训练集{0}",
    "test loss": "测试集损失",
    "test {0}": "测试集{0}",
    "step at the end of each epoch": "每轮结束时的步数",
    "run {0} ({1})": "运行 {0}（{1}）",
    "{0}: mini-batch, in epochs": "{0}：小批量，以轮计",
    "{0}: mini-batch step": "{0}：小批量步数",
    "{0}: mini-batch loss": "{0}：小批量损失",
    "{0}: training loss": "{0}：训练集损失",
    "{0}: test loss": "{0}：测试集损失",
    "{0}: training {1}": "{0}：训练集{1}",
    "{0}: test {1}": "{0}：测试集{1}",
    "unit": "单元",
    "sample": "样本",
    "weight w ({0})": "权重 w（{0}）",
    "change since last look Δw": "上次查看以来的变化 Δw",
    "histogram: bin from": "直方图：区间起点",
    "histogram: bin to": "直方图：区间终点",
    "histogram: count": "直方图：个数",
    "‖∂L/∂W‖ {0}": "‖∂L/∂W‖ {0}",
    "layer": "层",
    "units passing almost no gradient": "几乎不传递梯度的单元数",
    "training": "训练集",
    "point set": "点所属集合",
    "class": "类别",
    "curve: {0}": "曲线：{0}",
    "plane: {0}": "平面：{0}",
    "{0}, unit {1}: output": "{0}，单元 {1}：输出",
    "probability of class {0}": "类别 {0} 的概率",
    "predicted {0}": "预测为 {0}",
})

# exporting a lab panel's plots (designer/plot_table.py, designer/plot_export.py)
ZH_CN.update({
    "curve {0}": "曲线 {0}",
    "there is no plot to export yet": "还没有可导出的图表",
})

# a panel with nothing plotted yet (designer/plot_export.py)
ZH_CN.update({
    "Nothing to export": "没有可导出的内容",
    "Nothing is plotted here yet: train the network, or run the panel, first.": "这里还没有绘制任何内容：请先训练网络或运行此面板。",
})

# the canvas: context menu, status messages, the in-place value editor, the clipboard (designer/canvas)
ZH_CN.update({
    "This edge is already removed: press Insert (or use Restore edge) to put it back":
        "此连接已删除：按 Insert（或使用“恢复连接”）将其恢复",
    "Select a single edge first (click it)": "请先选择单个连接（单击它）",
    "Select nodes to copy": "请选择要复制的节点",
    "Copied 1 node": "已复制 1 个节点",
    "Copied {0} nodes": "已复制 {0} 个节点",
    "Nothing to paste: copy some nodes first": "没有可粘贴的内容：请先复制一些节点",
    "Cannot paste: {0}": "无法粘贴：{0}",
    "Paste 1 node": "粘贴 1 个节点",
    "Paste {0} nodes": "粘贴 {0} 个节点",
    "Cannot add this node: {0}": "无法添加此节点：{0}",
    "Type bias…": "输入偏置…",
    "Type weight…": "输入权重…",
    "Copy": "复制",
    "Delete": "删除",
    "Paste": "粘贴",
    "Arrange in columns": "按列排列",
    "Fit to window": "适应窗口",
    "Use as landscape axis w{0}": "用作损失曲面的坐标轴 w{0}",
    "Drop on another node to connect; Esc cancels": "拖放到另一个节点上以连接；Esc 取消",
    "Cannot connect: {0}": "无法连接：{0}",
    "Release to connect {0} → {1}": "松开以连接 {0} → {1}",
    "No connection: drop the line on another node": "未连接：请把线拖放到另一个节点上",
    "Connected {0} → {1} ({2} weights)": "已连接 {0} → {1}（{2} 个权重）",
    "Connection cancelled": "已取消连接",
    "This edge is removed: restore it (Insert) to give it a weight": "此连接已删除：恢复它（Insert）才能设置权重",
    "{0} has no bias (inputs have none)": "{0} 没有偏置（输入没有偏置）",
    "{0} has no bias: switch it on in Properties": "{0} 没有偏置：请在“属性”中开启",
    "Type the weight": "输入权重",
    "Type the bias": "输入偏置",
    "Type the weight and press Enter; Esc cancels": "输入权重后按 Enter；Esc 取消",
    "Type the bias and press Enter; Esc cancels": "输入偏置后按 Enter；Esc 取消",
    "Type the weight and press Enter (Esc cancels)": "输入权重后按 Enter（Esc 取消）",
    "Type the bias and press Enter (Esc cancels)": "输入偏置后按 Enter（Esc 取消）",
    "{0} is not a number": "{0} 不是数字",
    "1 Backprop Studio node": "1 个 Backprop Studio 节点",
    "{0} Backprop Studio nodes": "{0} 个 Backprop Studio 节点",
})

# the lab: unit thumbnails, the vanishing-gradient plots (designer/lab)
ZH_CN.update({
    "Unit &Thumbnails": "单元缩略图(&T)",
    "Gradient norm ‖∂R/∂W⁽ˡ⁾‖ per layer": "每层的梯度范数 ‖∂R/∂W⁽ˡ⁾‖",
    "at initialisation": "初始化时",
    "layer {0}": "层 {0}",
    "During training": "训练过程",
    "SGD, ε = {0:g}, batches of 32": "SGD，ε = {0:g}，批量大小 32",
})

# files, autosave and recovery (designer/fileactions.py, designer/autosave*.py)
ZH_CN.update({
    "Do you want to save the changes to “{0}” before closing?": "关闭前要保存对“{0}”的更改吗？",
    "Do you want to save the changes to “{0}” before starting a new network?": "新建网络前要保存对“{0}”的更改吗？",
    "Do you want to save the changes to “{0}” before opening another network?": "打开其他网络前要保存对“{0}”的更改吗？",
    "Do you want to save the changes to “{0}” before recovering?": "恢复前要保存对“{0}”的更改吗？",
    "Do you want to save the changes to “{0}” before {1}?": "在{1}之前要保存对“{0}”的更改吗？",
    "Unsaved changes": "未保存的更改",
    "If you don't save, your changes will be lost.": "如果不保存，您的更改将会丢失。",
    "Don't Save": "不保存",
    "Open network": "打开网络",
    "Backprop Studio networks (*.ffn)": "Backprop Studio 网络 (*.ffn)",
    "Cannot open file": "无法打开文件",
    "“{0}” could not be opened.": "无法打开“{0}”。",
    "Could not open {0}": "无法打开 {0}",
    "Save network as": "网络另存为",
    "Cannot save file": "无法保存文件",
    "“{0}” could not be saved.": "无法保存“{0}”。",
    "Saved {0}": "已保存 {0}",
    "Revert": "还原",
    "Discard all changes to “{0}” and reload it?": "放弃对“{0}”的所有更改并重新载入吗？",
    "This cannot be undone.": "此操作无法撤销。",
    "Reverted to the saved {0}": "已还原为保存的 {0}",
    "Export diagram as {0}": "将图导出为 {0}",
    "“{0}” could not be written.": "无法写入“{0}”。",
    "Recover unsaved work": "恢复未保存的工作",
    "Backprop Studio did not close properly last time. Recover {0}?": "Backprop Studio 上次未正常关闭。要恢复 {0} 吗？",
    "The recovered network opens with its changes unsaved; save it to keep it.":
        "恢复的网络打开后其更改尚未保存；请保存以保留它。",
    "Recover": "恢复",
    "Not Now": "暂不",
    "Cannot recover": "无法恢复",
    "The autosaved work could not be read; it is kept for a later try.": "无法读取自动保存的工作；它会保留下来供以后再试。",
    "<b>Autosave is failing</b>: your unsaved work is not protected against a crash.":
        "<b>自动保存失败</b>：您未保存的工作在程序崩溃时得不到保护。",
    "Save the network to a file you choose": "将网络保存到您选择的文件",
    "Autosave failed: {0}": "自动保存失败：{0}",
    "an untitled network": "一个未命名的网络",
    "{0} (autosaved {1})": "{0}（自动保存于 {1}）",
})

# the canvas's edge tooltips and overlay legend; the panels' notes and the plateau banner
ZH_CN.update({
    "removed edge (select it and press Delete again to restore)": "已删除的连接（选中它并再次按 Delete 以恢复）",
    "shown: {0:.4g}": "显示值：{0:.4g}",
    "double-click to type a new weight": "双击以输入新的权重",
    "{0} × {1} = {2:,} edges": "{0} × {1} = {2:,} 个连接",
    "({0:,} removed)": "（已删除 {0:,} 个）",
    "weights from {0:.4g} to {1:.4g}, mean |w| = {2:.4g}": "权重从 {0:.4g} 到 {1:.4g}，平均 |w| = {2:.4g}",
    "drawn as {0} × {1} bundles of their mean weight": "绘制为 {0} × {1} 束，每束显示其平均权重",
    "; zoom in for single edges": "；放大可查看单个连接",
    "Edges: {0}": "连接：{0}",
    "overlay": "叠加",
    "magenta < 0 < green; wider: larger |value|": "品红 < 0 < 绿；越宽：|值| 越大",
    "log scale; wider: larger value": "对数刻度；越宽：值越大",
    "Grey: all units of a layer; red: saturated (logistic/tanh output near its bound on ≥ {0:.0%} of the probe "
    "samples, so f′ ≈ 0) or dead (ReLU with z ≤ 0 on every sample).":
        "灰色：一层的所有单元；红色：饱和（在 ≥ {0:.0%} 的探测样本上 Logistic/tanh 输出接近其边界，因此 f′ ≈ 0）"
        "或死亡（ReLU 在每个样本上 z ≤ 0）。",
    "<b>The loss is hardly falling</b>": "<b>损失几乎不再下降</b>",
    "Learning rate {0:g} → {1:g}": "学习率 {0:g} → {1:g}",
    "{0}×{1} weights, row = unit of {2}, column = unit of {3}; orange < 0 < blue. Largest |w| = {4:.3g}, largest "
    "change since the last picture |Δw| = {5:.2g} (step {6:,}).":
        "{0}×{1} 个权重，行 = {2} 的单元，列 = {3} 的单元；橙 < 0 < 蓝。最大 |w| = {4:.3g}，"
        "自上一幅图以来的最大变化 |Δw| = {5:.2g}（第 {6:,} 步）。",
})

# Help ▸ About (designer/about.py)
ZH_CN.update({
    "Build feedforward neural networks on a canvas, train them live and step through backpropagation one node at "
    "a time.": "在画布上搭建前馈神经网络，实时训练它们，并逐个节点单步执行反向传播。",
    "Licence: {0}. Bundled datasets carry their own licences (see <tt>resources/datasets/README.md</tt>).":
        "许可证：{0}。附带的数据集各有其许可证（见 <tt>resources/datasets/README.md</tt>）。",
    "Running on {0} {1}.": "运行于 {0} {1}。",
})

# the gradients panel's bar labels (designer/panels/gradients.py)
ZH_CN.update({
    "{0} of {1} saturated": "{1} 个中 {0} 个饱和",
    "{0} of {1} dead": "{1} 个中 {0} 个死亡",
})

# a node's tooltip on the canvas (designer/canvas/nodes.py)
ZH_CN.update({
    "{0}: output port\nDrag from here to another node to connect": "{0}：输出端口\n从这里拖到另一个节点以连接",
    "{0}: input port\nDrag from here to the node that should feed it": "{0}：输入端口\n从这里拖到为它提供输入的节点",
    "{0} · unit {1}": "{0} · 单元 {1}",
    "its value comes from the data": "它的值来自数据",
    "z and a show once the network runs on a sample": "网络在一个样本上运行后显示 z 和 a",
    "no bias": "无偏置",
})

# the activations panel's plot titles (designer/panels/activations.py)
ZH_CN.update({
    "logits z": "logits z",
    "probabilities p": "概率 p",
    "(inputs)": "（输入）",
})

# the optimiser race's plot axes and results table (designer/lab/race_view.py)
ZH_CN.update({
    "updates (steps)": "更新次数（步）",
    "epochs (examples seen ÷ training-set size)": "轮（已见样本数 ÷ 训练集大小）",
    "wall time of the lane (s)": "该赛道的实际用时（秒）",
    "loss R(θ)": "损失 R(θ)",
    "(diverged)": "（已发散）",
    "{0} (diverged)": "{0}（已发散）",
    "Train loss": "训练损失",
    "Train {m}": "训练 {m}",
    "Test loss": "测试损失",
    "Test {m}": "测试 {m}",
    "Steps to ≤ {t}": "降到 ≤ {t} 的步数",
    "Time (s)": "用时（秒）",
    "acc.": "准确率",
    "Optimiser and its learning rate ε (m: mini-batch size)": "优化器及其学习率 ε（m：小批量大小）",
    "Updates made": "已做的更新次数",
    "Risk on the whole training set": "整个训练集上的风险",
    "Score on the whole training set": "整个训练集上的得分",
    "Risk on the test set": "测试集上的风险",
    "Score on the test set": "测试集上的得分",
    "First recorded step at which the whole training-set loss was at or below the target":
        "整个训练集的损失首次达到或低于目标时记录的步数",
    "Time spent computing this lane's steps": "计算该赛道各步所用的时间",
})

# the lab's canvas link messages and plot axes (designer/lab/canvas_link.py, explorer_views.py, vanishing_plots.py)
ZH_CN.update({
    "x (net input z)": "x（净输入 z）",
    "f(x)  solid,   f′(x)  dashed": "f(x) 实线，  f′(x) 虚线",
    "% of pre-activations z": "净输入 z 的占比（%）",
    "value": "值",
    "Optimiser internals: {0}": "优化器内部状态：{0}",
    "training, paused at step {0}": "训练中，暂停于第 {0} 步",
    "Select a layer on the canvas first: its activation is the one set": "请先在画布上选择一个层：设置的是它的激活函数",
    "{0} already uses {1}": "{0} 已在使用 {1}",
    "Cannot use {0} for {1}: {2}": "无法为 {1} 使用 {0}：{2}",
    "Landscape axis w{0}: {1}. Now choose w{2} from another edge's right-click menu.":
        "损失曲面坐标轴 w{0}：{1}。现在从另一个连接的右键菜单中选择 w{2}。",
    "Choose two different edges for the two landscape axes": "请为损失曲面的两个坐标轴选择两个不同的连接",
    "Cannot use these edges: {0}": "无法使用这些连接：{0}",
    "Loss landscape over w₁ = {0} and w₂ = {1}": "关于 w₁ = {0} 和 w₂ = {1} 的损失曲面",
    "gradient norm (log scale)": "梯度范数（对数刻度）",
    "layer l (input side → output)": "第 l 层（输入侧 → 输出）",
    "SGD step": "SGD 步",
})

# the loss landscape's pages and the race's lanes (designer/lab/landscape_pages.py, designer/lab/lanes.py)
ZH_CN.update({
    "x axis": "x 轴",
    "y axis": "y 轴",
    "eight examples x = ±0.5 … ±2, y = 1 if x > 0 else 0": "八个样本 x = ±0.5 … ±2，x > 0 时 y = 1，否则为 0",
    "one example x = 1, y = 1 (the lecture's figure)": "一个样本 x = 1，y = 1（讲义中的图）",
    "α along direction 1 (× weight norms)": "沿方向 1 的 α（× 权重范数）",
    "β along direction 2 (× weight norms)": "沿方向 2 的 β（× 权重范数）",
    "weight {0}[{1}] → {2}[{3}]": "权重 {0}[{1}] → {2}[{3}]",
    "GD (full batch)": "GD（全批量）",
    "SGD (one example)": "SGD（单个样本）",
    "Mini-batch SGD": "小批量 SGD",
})

# the backprop stepper's captions from core (context "Trace": core/trace, core/tape.py, core/losses.py) and
# the stepper's own texts (designer/stepper)
ZH_CN.update({
    "input {0}": "输入 {0}",
    "activation of {0}: {1}": "{0} 的活性值：{1}",
    "activation of {0}: {1} (computed by the fused loss op)": "{0} 的活性值：{1}（由融合的损失运算计算）",
    "structural risk: the loss plus L2 weight decay (biases excluded)": "结构化风险：损失加上 L2 权重衰减（不含偏置）",
    "structural risk with L2 weight decay": "带 L2 权重衰减的结构化风险",
    "net input of {0}": "{0} 的净输入",
    "δ of output {0}": "输出 {0} 的误差项 δ",
    "δ of output {0} ({1} fused with its activation: ŷ − y)": "输出 {0} 的误差项 δ（{1} 与其激活函数融合：ŷ − y）",
    "δ of output {0} (softmax: every output's path meets here)": "输出 {0} 的误差项 δ（softmax：每个输出的路径在此汇合）",
    "δ of {0}: f'(z) times the sum over its {1} outgoing edge": "隐藏层单元 {0} 的误差项 δ：f′(z) 乘以 {1} 条出边之和",
    "δ of {0}: f'(z) times the sum over its {1} outgoing edges": "隐藏层单元 {0} 的误差项 δ：f′(z) 乘以 {1} 条出边之和",
    "gradient of the weight {0} → {1}": "权重 {0} → {1} 的梯度",
    "gradient of the weight {0} → {1}, summed over the {2} paths through {1}":
        "权重 {0} → {1} 的梯度，对经过 {1} 的 {2} 条路径求和",
    "gradient of the bias of {0}": "{0} 的偏置的梯度",
    "gradient of PReLU's learned γ of {0}": "{0} 的 PReLU 可学习参数 γ 的梯度",
    "chain rule through {0}": "经过 {0} 的链式法则",
    "chain rule through {0}; this is δ = ∂{1}/∂{2}": "经过 {0} 的链式法则；这就是误差项 δ = ∂{1}/∂{2}",
    "{0} paths meet at {1}: their gradients add up": "{0} 条路径在 {1} 汇合：它们的梯度相加",
    "gradient of {0}: the chain of local derivatives": "{0} 的梯度：局部导数的连乘",
    "logistic of {0}: multiply by −1": "{0} 的 Logistic 函数：乘以 −1",
    "logistic of {0}: exp": "{0} 的 Logistic 函数：exp",
    "logistic of {0}: add 1": "{0} 的 Logistic 函数：加 1",
    "logistic of {0}: reciprocal": "{0} 的 Logistic 函数：取倒数",
    "identity activation of {0}": "{0} 的恒等激活函数",
    "tanh activation of {0}": "{0} 的 tanh 激活函数",
    "ReLU activation of {0}": "{0} 的 ReLU 激活函数",
    "{0} activation of {1}": "{1} 的激活函数 {0}",
    "{0} activation of {1} (fused with the loss)": "{1} 的激活函数 {0}（与损失融合）",
    "softmax output {0}": "softmax 输出 {0}",
    "softmax output {0} (fused with the loss)": "softmax 输出 {0}（与损失融合）",
    "sum of the products into {0}": "进入 {0} 的乘积之和",
    "{0} has no inputs and no bias": "{0} 没有输入，也没有偏置",
    "no target: the backward pass starts from ∂ŷ/∂ŷ = 1 (f is the network's output)":
        "没有目标：反向传播从 ∂ŷ/∂ŷ = 1 开始（f 是网络的输出）",
    "no target: the backward pass starts from ∂ŷ/∂ŷ = 1": "没有目标：反向传播从 ∂ŷ/∂ŷ = 1 开始",
    "{0} update of {1} (previewed, not applied)": "{0} 对 {1} 的更新（预览，未应用）",
    "{0} op of {1}": "{1} 的 {0} 运算",
    "matmul of connection {0}: {1} → {2}": "连接 {0} 的矩阵乘法：{1} → {2}",
    "matmul of connection {0}, backward": "连接 {0} 的矩阵乘法，反向",
    "matmul of connection {0}, backward (adds to a gradient another path already wrote)":
        "连接 {0} 的矩阵乘法，反向（加到另一条路径已写入的梯度上）",
    "product on the edge {0} → {1}": "边 {0} → {1} 上的乘积",
    "bias add of {0}": "{0} 加上偏置",
    "bias add of {0}, backward": "{0} 加上偏置，反向",
    "bias of {0} (no inputs)": "{0} 的偏置（没有输入）",
    "add the bias of {0}": "加上 {0} 的偏置",
    "softmax of {0}, backward (its Jacobian times the upstream gradient)":
        "{0} 的 softmax，反向（其雅可比矩阵乘以上游梯度）",
    "activation of {0}, backward: {1}": "{0} 的激活函数，反向：{1}",
    "PReLU's learned γ of {0}": "{0} 的 PReLU 可学习参数 γ",
    "the loss op": "损失运算",
    "loss derivative by output {0}": "损失对输出 {0} 的导数",
    "squared error ½‖ŷ − y‖²": "平方误差 ½‖ŷ − y‖²",
    "squared error: ∂L/∂ŷ = ŷ − y": "平方误差：∂L/∂ŷ = ŷ − y",
    "squared error, derivative by output {0}": "平方误差对输出 {0} 的导数",
    "activation of {0} (done by the fused loss op)": "{0} 的激活函数（由融合的损失运算完成）",
    "activation of {0} (computed by the fused loss op), backward": "{0} 的激活函数（由融合的损失运算计算），反向",
    "{0} loss fused with its activation: ∂L/∂z = ŷ − y": "{0} 损失与其激活函数融合：∂L/∂z = ŷ − y",
    "δ of output {0}: {1} fused with its activation gives ŷ − y": "输出 {0} 的误差项 δ：{1} 与其激活函数融合，得到 ŷ − y",
    "softmax + cross-entropy −yᵀ log ŷ": "softmax + 交叉熵 −yᵀ log ŷ",
    "sigmoid + binary cross-entropy": "sigmoid + 二元交叉熵",
    # the stepper's card, table, graph and overlay
    "<i>No walk in progress.</i> Pick a sample (a row of the list, a point on the data plot with Ctrl+click, or "
    "typed values) and press <b>Start walk</b>.":
        "<i>没有正在进行的逐步计算。</i>选择一个样本（列表中的一行、数据图上按住 Ctrl 单击的一个点，或键入的数值），"
        "然后按<b>开始逐步计算</b>。",
    "the paths meet here: term by term": "各条路径在此汇合：逐项列出",
    "the sum over the outputs it reaches, term by term": "对它到达的各个输出求和：逐项列出",
    "the products, term by term": "各个乘积：逐项列出",
    "the loss per output": "每个输出的损失",
    "terms": "各项",
    "local {0} × upstream {1} = <b>{2}</b>": "局部导数 {0} × 上游梯度 {1} = <b>{2}</b>",
    "local {0} × upstream {1} = {2}": "局部导数 {0} × 上游梯度 {1} = {2}",
    "no target (∂ŷ/∂ŷ = 1)": "无目标（∂ŷ/∂ŷ = 1）",
    "… {0} more (in the table)": "… 还有 {0} 项（见表格）",
    "via {0}": "经由 {0}",
    "(via {0})": "（经由 {0}）",
    "→ result =": "→ 结果 =",
    "local derivative =": "局部导数 =",
    "⟨{0}×{1} matrix⟩": "⟨{0}×{1} 矩阵⟩",
    "{0} paths meet here; their terms add up:": "{0} 条路径在此汇合，各项相加：",
    "… {0} more": "… 还有 {0} 项",
    "sum → {0}": "和 → {0}",
    "(matrix: see the card)": "（矩阵：见卡片）",
    "forward": "前向",
    "backward": "反向",
    "update": "更新",
    "unit {0}": "单元 {0}",
    "No elementary graph for this unit.": "这个单元没有基本运算图。",
    "value {0}": "值 {0}",
    "gradient ?": "梯度 ?",
    "One unit at a time: z, a, δ and ∂L/∂w": "一次一个单元：z、a、δ 和 ∂L/∂w",
    "The tape's matrix operations, with their numbers": "计算带上的矩阵运算及其数值",
    "The selected unit's elementary ops (x·w, +b, ×(−1), exp, +1, 1/x)": "所选单元的基本运算（x·w、+b、×(−1)、exp、+1、1/x）",
    # the walk's samples, its end and the update
    "input": "输入值",
    "Type the {0}: {1} number.": "请键入{0}：{1} 个数。",
    "Type the {0}: {1} numbers.": "请键入{0}：{1} 个数。",
    "The {0}'s value {1}, {2}, is not a number.": "{0}的第 {1} 个值 {2} 不是数。",
    "The {0}'s value {1}, {2}, is not a finite number.": "{0}的第 {1} 个值 {2} 不是有限的数。",
    "The {0} needs {1} number; {2} were typed.": "{0}需要 {1} 个数；键入了 {2} 个。",
    "The {0} needs {1} numbers; {2} was typed.": "{0}需要 {1} 个数；键入了 {2} 个。",
    "The {0} needs {1} numbers; {2} were typed.": "{0}需要 {1} 个数；键入了 {2} 个。",
    "The dataset cannot be used: {0}": "无法使用数据集：{0}",
    "The dataset cannot be used ({0}); type the values instead.": "无法使用数据集（{0}）；请改为键入数值。",
    "Type the target: {0} numbers (without one, only a single-output network can be walked from ∂ŷ/∂ŷ = 1).":
        "请键入目标：{0} 个数（没有目标时，只有单输出的网络能从 ∂ŷ/∂ŷ = 1 开始逐步计算）。",
    "typed input, no target": "键入的输入，无目标",
    "typed values": "键入的值",
    "The training set is empty.": "训练集是空的。",
    "The test set is empty.": "测试集是空的。",
    "The training set has rows 0 to {0}.": "训练集的行号为 0 到 {0}。",
    "The test set has rows 0 to {0}.": "测试集的行号为 0 到 {0}。",
    "The dataset has {0} inputs; the network takes {1}.": "数据集有 {0} 个输入；网络需要 {1} 个。",
    "training row {0}": "训练集第 {0} 行",
    "test row {0}": "测试集第 {0} 行",
    "Build a network first: the stepper walks the network on the canvas.": "请先搭建一个网络：单步演示逐步计算的是画布上的网络。",
    "The network cannot be stepped yet: {0}.": "网络还不能逐步计算：{0}。",
    "The network was edited, so its numbers are no longer these.": "网络已被编辑，它的数值已不再是这些。",
    "The weights changed (training, an edit or undo).": "权重已改变（训练、编辑或撤销）。",
    "The data or the training settings changed.": "数据或训练设置已改变。",
    "<b>The walk ended.</b> {0} Press <b>Start walk</b> to walk the network as it is now.":
        "<b>逐步计算已结束。</b>{0} 按<b>开始逐步计算</b>，对现在的网络重新逐步计算。",
    "Apply backprop update": "应用反向传播更新",
    "Apply backprop update ({0})": "应用反向传播更新（{0}）",
    "{0} ({1}), update number {2}": "{0}（{1}），第 {2} 次更新",
    "Each parameter moves by the optimiser's rule using this sample's gradient (∂L/∂θ from the backward pass).":
        "每个参数按优化器的规则，用这个样本的梯度（反向传播得到的 ∂L/∂θ）移动。",
    "{0} parameter:": "{0} 个参数：",
    "{0} parameters:": "{0} 个参数：",
    "Apply": "应用",
    "Parameter": "参数",
    "Rule": "规则",
    "New value": "新值",
})

# the stepper's sample list: the part a row comes from (designer/stepper/samples.py)
ZH_CN.update({
    "train": "训练集",
})
